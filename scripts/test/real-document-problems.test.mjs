import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startMock, walkOperations } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationRules } from '../lib/rules.mjs'
import { ROOT } from '../lib/specs.mjs'

// What SignalWire's whole REST document brought to the contract tests of the package that
// `pnpm new-provider` generates from it, each problem in a few lines of the fixture: the walk
// those tests run (walkOperations against startMock), with the client they run it with (an
// openapi-fetch client carrying the document's first scheme, HTTP basic), finds nothing wrong.
const FIXTURE = join(import.meta.dirname, 'fixtures', 'walker', 'real-document-problems.yaml')
// openapi-fetch as a generated package depends on it (the workspace root does not).
const fromProvider = createRequire(join(ROOT, 'packages', 'signalwire', 'package.json'))
const { default: createClient } = await import(pathToFileURL(fromProvider.resolve('openapi-fetch')).href)

const BASIC = `Basic ${btoa('contract-test-username:contract-test-password')}`
let mock
let call
beforeAll(async () => {
  mock = await startMock({ spec: FIXTURE })
  const client = createClient({ baseUrl: mock.url, headers: { Authorization: BASIC } })
  call = client.request.bind(client)
})
afterAll(() => mock?.close())

describe.each(walkOperations({ spec: FIXTURE }))(
  '$operationId ($method $path), walked as a generated package does',
  ({ checks }) => {
    for (const check of checks) {
      it(check.name, async () => {
        expect(await check.run(call)).toEqual([])
      })
    }
  },
)

describe('what the walk works around', () => {
  it('an operation that wants another scheme than the client carries refuses the client’s credentials', async () => {
    const response = await fetch(`${mock.url}/addresses`, { headers: { authorization: BASIC } })
    expect(response.status).toBe(401)
  })

  // Prism 5.16 reads a requirement of no scheme as "no Authorization header"
  // (stoplightio/prism#2395): when it accepts credentials there, the walk can send them.
  it('Prism refuses credentials sent to an operation that needs none', async () => {
    const response = await fetch(`${mock.url}/embeds/tokens`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'c2c-token' }),
    })
    expect(response.status).toBe(401)
    const anonymous = await fetch(`${mock.url}/embeds/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'c2c-token' }),
    })
    expect(anonymous.status).toBe(201)
  })

  it('trusts the client with the schemes it is told the client carries', async () => {
    const seen = []
    const recording = (method, path, init) => {
      seen.push(init.headers.Authorization)
      return call(method, path, init)
    }
    const [listAddresses] = walkOperations({ spec: FIXTURE, credentials: ['BearerAuth'] }).filter(
      ({ operationId }) => operationId === 'list_addresses',
    )
    // The client here carries basic, not bearer: the mock says so.
    expect(await listAddresses.checks[0].run(recording)).toContain('request: Invalid security scheme used')
    expect(seen).toEqual([undefined])
  })
})

describe('rules.ts of components that share components', () => {
  // Each level refers to the next twice, as SWML's schemas do: written out in full, 2^20 copies.
  const levels = 20
  const schemas = Object.fromEntries(
    Array.from({ length: levels }, (_, level) => [
      `Level${level}`,
      {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: level + 1 },
          ...(level + 1 < levels
            ? {
                left: { $ref: `#/components/schemas/Level${level + 1}` },
                right: { $ref: `#/components/schemas/Level${level + 1}` },
              }
            : {}),
        },
      },
    ]),
  )
  const spec = {
    openapi: '3.1.0',
    paths: {
      '/levels': {
        post: {
          operationId: 'createLevel',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Level0' } } } },
        },
      },
    },
    components: { schemas },
  }

  it('follow a schema five $refs deep, and stay small', () => {
    const [{ rules }] = operationRules(spec)
    expect(rules.body.properties.name).toEqual({ maxLength: 1 })
    const fifth = rules.body.properties.left.properties.right.properties.left.properties.right
    expect(fifth.properties.name).toEqual({ maxLength: 5 })
    expect(fifth.properties.left).toBeUndefined()
    expect(JSON.stringify(rules).length).toBeLessThan(10_000)
  })
})
