import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadSpecValidator,
  type MockServer,
  type OperationCall,
  startMock,
  violationsOf,
  walkOperations,
} from '../../src/index.js'

// What a vendor's whole document brings that the small specs do not: components shared by many
// operations, objects closed with `unevaluatedProperties` (TypeSpec's output), form bodies whose
// fields are all optional.
const owner = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', examples: ['Ada'] } },
  unevaluatedProperties: { not: {} },
}
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'whole', version: '1' },
  paths: {
    '/tokens': {
      post: {
        operationId: 'createToken',
        responses: { '201': { $ref: '#/components/responses/Token' } },
      },
    },
    '/pubsub/tokens': {
      post: {
        operationId: 'createPubsubToken',
        responses: { '201': { $ref: '#/components/responses/Token' } },
      },
    },
    '/calls/{id}': {
      post: {
        operationId: 'updateCall',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', examples: ['CA1'] } }],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                properties: {
                  Status: { type: 'string', enum: ['canceled', 'completed'] },
                  Url: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        responses: { '200': { $ref: '#/components/responses/Token' } },
      },
    },
  },
  components: {
    responses: {
      Token: {
        description: 'A token',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } },
      },
    },
    schemas: {
      Token: {
        type: 'object',
        required: ['token', 'owner'],
        properties: { token: { type: 'string', examples: ['abc'] }, owner: { $ref: '#/components/schemas/Owner' } },
        unevaluatedProperties: { not: {} },
      },
      Owner: owner,
    },
  },
}

const spec = loadSpecValidator({ spec: SPEC })
let mock: MockServer
beforeAll(async () => {
  mock = await startMock({ spec: SPEC })
})
afterAll(() => mock.close())

async function send(operationId: string, prefer?: string) {
  const request = spec.sampleRequest(operationId)
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => String(request.params.path[name]))
  const form = request.mediaType === 'application/x-www-form-urlencoded'
  const response = await fetch(`${mock.url}${path}`, {
    method: request.method,
    headers: { ...(request.mediaType ? { 'content-type': request.mediaType } : {}), ...(prefer ? { prefer } : {}) },
    ...(request.body === undefined
      ? {}
      : { body: form ? new URLSearchParams(request.body as Record<string, string>) : JSON.stringify(request.body) }),
  })
  return { request, response, body: await response.json() }
}

describe('a mock of a whole vendor document', () => {
  it('answers each operation that shares a component with the component, whole', async () => {
    for (const operationId of ['createToken', 'createPubsubToken']) {
      const { response, body } = await send(operationId)
      expect(response.status, operationId).toBe(201)
      expect(violationsOf(response), operationId).toEqual([])
      expect(body).toEqual({ token: 'abc', owner: { name: 'Ada' } })
    }
  })

  it('answers Prefer: dynamic=true with a body that keeps to an object closed by unevaluatedProperties', async () => {
    for (const seed of [1, 2, 3]) {
      const { response, body } = await send('createToken', `dynamic=true, seed=${seed}`)
      expect(spec.validateResponse('createToken', response.status, body)).toEqual([])
      expect(Object.keys(body).sort()).toEqual(['owner', 'token'])
    }
  })

  it('samples a required form body whose fields are all optional with a field, which the mock takes', async () => {
    const { request, response } = await send('updateCall')
    expect(Object.keys(request.body as object).length).toBeGreaterThan(0)
    expect(violationsOf(response)).toEqual([])
    expect(response.status).toBe(200)
  })
})

/** openapi-fetch's `request`, as far as the walker uses it: path and query parameters, a JSON body. */
const call: OperationCall = async (method, path, init) => {
  const params = init.params as { path: Record<string, unknown>; query: Record<string, unknown> }
  const url = new URL(
    path.replace(/\{([^}]+)\}/g, (_, name: string) => String(params.path[name])),
    mock.url,
  )
  for (const [name, value] of Object.entries(params.query)) url.searchParams.append(name, String(value))
  const headers = init.headers as Record<string, string>
  const form = headers['Content-Type'] === 'application/x-www-form-urlencoded'
  const response = await fetch(url, {
    method,
    headers,
    ...(init.body === undefined
      ? {}
      : { body: form ? new URLSearchParams(init.body as Record<string, string>) : JSON.stringify(init.body) }),
  })
  const text = await response.text()
  return response.ok ? { data: text, response } : { error: text ? JSON.parse(text) : undefined, response }
}

describe('walkOperations', () => {
  it('checks every operation of the spec, and finds nothing wrong where mock and spec agree', async () => {
    const walks = walkOperations({ spec: SPEC })
    expect(walks.map(({ operationId }) => operationId)).toEqual(['createToken', 'createPubsubToken', 'updateCall'])
    for (const { checks } of walks) {
      expect(checks.map((check) => check.name)).toEqual([
        'answers a request built from the spec with a documented success status and no violation of it',
        'answers Prefer: dynamic=true with a body that fits the documented success schema',
      ])
      for (const check of checks) expect(await check.run(call), check.name).toEqual([])
    }
  })

  it('says what is wrong when the mock answers what the spec does not document', async () => {
    // The walker checks against this spec, while the mock serves one whose body has another shape.
    const served = structuredClone(SPEC)
    const schemas: Record<string, unknown> = served.components.schemas
    schemas.Token = { type: 'object', properties: { token: { type: 'integer', examples: [7] } } }
    const other = await startMock({ spec: served })
    try {
      const [createToken] = walkOperations({ spec: SPEC })
      const toOther: OperationCall = (method, path, init) => call(method, new URL(path, other.url).href, init)
      const dynamic = createToken?.checks[1]
      expect(await dynamic?.run(toOther)).toEqual(
        expect.arrayContaining(["(root) must have required property 'owner'"]),
      )
    } finally {
      await other.close()
    }
  })
})

describe('walkOperations and security', () => {
  // The client carries the document's scheme (an API key); two operations want others.
  const SECURED = {
    openapi: '3.1.0',
    info: { title: 'secured', version: '1' },
    security: [{ Key: [] }],
    paths: {
      '/subscriber': {
        get: { operationId: 'asSubscriber', security: [{ Bearer: [] }], responses: { '204': { description: 'ok' } } },
      },
      '/partner': {
        get: {
          operationId: 'asPartner',
          security: [{ Digest: [] }, { QueryKey: [] }],
          responses: { '204': { description: 'ok' } },
        },
      },
    },
    components: {
      securitySchemes: {
        Key: { type: 'apiKey', in: 'header', name: 'X-Key' },
        Bearer: { type: 'http', scheme: 'bearer' },
        Digest: { type: 'http', scheme: 'digest' },
        QueryKey: { type: 'apiKey', in: 'query', name: 'key' },
      },
    },
  }

  it('sends placeholder credentials of a scheme each operation asks for, where the client’s do not do', async () => {
    const secured = await startMock({ spec: SECURED })
    try {
      const sent: Record<string, unknown>[] = []
      const toSecured: OperationCall = (method, path, init) => {
        sent.push({ headers: init.headers, query: (init.params as { query: unknown }).query })
        return call(method, new URL(path, secured.url).href, init)
      }
      for (const { checks } of walkOperations({ spec: SECURED })) expect(await checks[0]?.run(toSecured)).toEqual([])
      expect(sent).toEqual([
        { headers: { Authorization: 'Bearer contract-test-token' }, query: {} },
        // HTTP digest it cannot fill: the next requirement.
        { headers: {}, query: { key: 'contract-test-key' } },
      ])
    } finally {
      await secured.close()
    }
  })
})
