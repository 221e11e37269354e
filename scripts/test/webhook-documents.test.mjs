import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml, stringify } from 'yaml'
import { releasesOf } from '../lib/changesets.mjs'
import { buildFinalSpec } from '../lib/specs.mjs'
import { mergeWebhooks } from '../lib/webhook-documents.mjs'
import { serveFixtures } from './helpers/fixture-server.mjs'
import { copyRepo, hashTree, ROOT, runScript } from './helpers/temp-repo.mjs'

const hook = (schema) => ({
  post: { tags: ['Messages'], requestBody: { content: { 'application/json': { schema: { $ref: schema } } } } },
})
const main = {
  openapi: '3.1.0',
  info: { title: 'main', version: '1' },
  paths: {},
  tags: [{ name: 'Other' }],
  components: { schemas: { Status: { type: 'string', enum: ['sent'] }, Shared: { type: 'integer' } } },
}
const other = {
  openapi: '3.1.0',
  info: { title: 'other', version: '1' },
  paths: {},
  tags: [{ name: 'Messages', description: 'Send messages.' }, { name: 'Calls' }],
  webhooks: { smsStatus: hook('#/components/schemas/Payload'), callStatus: hook('#/components/schemas/Call') },
  components: {
    schemas: {
      Payload: {
        type: 'object',
        properties: {
          status: { $ref: '#/components/schemas/Status' },
          count: { $ref: '#/components/schemas/Shared' },
        },
      },
      Status: { type: 'string', enum: ['queued', 'delivered'] },
      Shared: { type: 'integer' },
      Call: { type: 'object' },
    },
  },
}
const merge = (names) => mergeWebhooks(main, other, names, { from: 'other.yaml', prefix: 'Other.' })

describe('the final spec takes named webhooks from a second vendor document', () => {
  it('adds each webhook with the components it references, transitively, and the tags it names', () => {
    const spec = merge(['smsStatus'])
    expect(Object.keys(spec.webhooks)).toEqual(['smsStatus'])
    expect(spec.components.schemas).not.toHaveProperty('Call')
    expect(spec.components.schemas.Payload.properties.status).toEqual({ $ref: '#/components/schemas/Other.Status' })
    expect(spec.components.schemas['Other.Status'].enum).toEqual(['queued', 'delivered'])
    expect(spec.components.schemas.Status).toEqual(main.components.schemas.Status)
    expect(spec.tags.map((tag) => tag.name)).toEqual(['Other', 'Messages'])
    expect(main.webhooks).toBeUndefined()
  })

  it('shares a component both documents define the same, instead of a prefixed copy', () => {
    const spec = merge(['smsStatus'])
    expect(spec.components.schemas.Payload.properties.count).toEqual({ $ref: '#/components/schemas/Shared' })
    expect(spec.components.schemas).not.toHaveProperty('Other.Shared')
  })

  it('refuses a webhook the document lacks, naming the ones it has', () => {
    expect(() => merge(['smsStatusCallback'])).toThrow(
      'other.yaml has no webhook "smsStatusCallback" (it has 2: smsStatus, callStatus)',
    )
  })

  it('refuses a webhook the main document already has', () => {
    const taken = { ...main, webhooks: { smsStatus: hook('#/components/schemas/Status') } }
    expect(() => mergeWebhooks(taken, other, ['smsStatus'], { from: 'other.yaml', prefix: 'Other.' })).toThrow(
      'webhook "smsStatus" is already in the main document',
    )
  })

  it('refuses a stored document whose bytes differ from its record', async () => {
    const documentBytes = { 'compatibility.openapi.yaml': Buffer.from('openapi: 3.1.0\n') }
    await expect(buildFinalSpec('signalwire', { documentBytes })).rejects.toThrow(
      /specs\/signalwire\/compatibility\.openapi\.yaml has sha256 \w+ but specs\/signalwire\/source\.json records/,
    )
  })
})

describe('pnpm specs:update signalwire with a new Compatibility document', () => {
  let server
  let repo
  beforeAll(async () => {
    // The Compatibility document as SignalWire might publish it next: the stored one, with one
    // more status field and one more webhook (which the record does not take).
    const stored = parseYaml(readFileSync(join(ROOT, 'specs/signalwire/compatibility.openapi.yaml'), 'utf8'))
    stored.components.schemas.SmsStatusCallbackPayload.properties.ApiVersion = { type: 'string' }
    stored.webhooks.faxStatusCallback = { post: { responses: { 200: { description: 'ok' } } } }
    server = await serveFixtures({ '/compatibility.yaml': { type: 'application/yaml', body: stringify(stored) } })
    repo = copyRepo()
  })
  afterAll(async () => {
    repo?.remove()
    await server?.close()
  })

  it('refuses a --document that names no webhook document of the record, before anything is fetched', async () => {
    const before = hashTree(repo.dir)
    const run = await runScript(repo.dir, 'specs-update.mjs', ['signalwire', '--document', 'laml.yaml=./x.yaml'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      "--document laml.yaml=./x.yaml: expected <file>=<file|url>, <file> one of the record's webhook documents (compatibility.openapi.yaml)",
    )
    expect(hashTree(repo.dir)).toEqual(before)
  })

  it('fetches it from its upstream URL, keeps the webhook the record names, and regenerates', async () => {
    const recordPath = join(repo.dir, 'specs/signalwire/source.json')
    const record = JSON.parse(readFileSync(recordPath, 'utf8'))
    record.webhookDocuments[0].upstream = server.url('/compatibility.yaml')
    writeFileSync(recordPath, `${JSON.stringify(record, null, 2)}\n`)

    const run = await runScript(repo.dir, 'specs-update.mjs', [
      'signalwire',
      '--from',
      'specs/signalwire/openapi.yaml',
      '--no-build',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('specs/signalwire/compatibility.openapi.yaml  sha256')

    const stored = readFileSync(join(repo.dir, 'specs/signalwire/compatibility.openapi.yaml'), 'utf8')
    const written = JSON.parse(readFileSync(recordPath, 'utf8')).webhookDocuments[0]
    expect(written.sha256).toBe(createHash('sha256').update(stored).digest('hex'))
    expect(Object.keys(parseYaml(stored).webhooks)).toEqual(['smsStatusCallback'])
    const final = JSON.parse(readFileSync(join(repo.dir, 'packages/signalwire/src/generated/openapi.json'), 'utf8'))
    expect(final.components.schemas.SmsStatusCallbackPayload.properties.ApiVersion).toEqual({ type: 'string' })
    expect(Object.keys(final.webhooks.smsStatusCallback.post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
    ])
    const types = readFileSync(join(repo.dir, 'packages/signalwire/src/generated/schema.ts'), 'utf8')
    expect(types).toContain('ApiVersion?: string')
    expect(types).toContain(` * Webhooks:    specs/signalwire/compatibility.openapi.yaml (sha256 ${written.sha256})`)

    const [changeset, ...others] = readdirSync(join(repo.dir, '.changeset'))
      .filter((name) => name.startsWith('signalwire-spec-'))
      .map((name) => readFileSync(join(repo.dir, '.changeset', name), 'utf8'))
      .filter((text) => text.includes('compatibility.openapi.yaml'))
    expect(others).toEqual([])
    expect(changeset).toContain(`Webhooks \`smsStatusCallback\`: \`specs/signalwire/compatibility.openapi.yaml\``)
    expect(changeset).toContain(server.url('/compatibility.yaml'))
    expect(releasesOf(changeset)).toEqual([{ name: '@textbridge/signalwire', type: 'minor' }])

    const check = await runScript(repo.dir, 'generate.mjs', ['signalwire', '--check'])
    expect(check.stderr).not.toContain('differs')
    expect(check.status).toBe(0)
  })
})
