import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSpecValidator, type MockServer, startMock, violationsOf } from '../../src/index.js'

// What json-schema-faker (the sampler of requests here, and of Prism's dynamic bodies) gets
// wrong on a vendor's whole document, in a few schemas: a component used more often in one
// body than its random budget of uses per $ref, the faker writing what it resolves into the
// schemas it is given, oneOf branches told apart by an optional field only, and array
// examples inside an allOf.
const uuid = { type: 'string', format: 'uuid' }
const id = (example: string) => ({ allOf: [{ $ref: '#/components/schemas/uuid' }], examples: [example] })
/** A body whose example breaks its own schema three times an item: more violations than one header holds. */
const brokenExample = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'array',
        items: { type: 'object', required: ['id', 'name', 'kind'], properties: { id: { type: 'integer' } } },
      },
      example: Array.from({ length: 40 }, () => ({})),
    },
  },
})
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'faker gaps', version: '1' },
  paths: {
    '/scripts': {
      get: {
        operationId: 'listScripts',
        responses: {
          '200': {
            description: 'Scripts',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  minItems: 4,
                  maxItems: 4,
                  items: { $ref: '#/components/schemas/Script' },
                },
              },
            },
          },
        },
      },
    },
    '/documents': {
      post: {
        operationId: 'createDocument',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentRequest' } } },
        },
        responses: { '201': { description: 'Created' } },
      },
    },
    '/reports': {
      get: {
        operationId: 'getReport',
        responses: {
          '200': {
            description: 'A report',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['rows'],
                  // A union holding an array of objects with an empty object in them: the faker's
                  // clean-up step throws on it ("Cannot read properties of undefined (reading 'items')").
                  properties: { rows: { anyOf: [{ $ref: '#/components/schemas/Rows' }] } },
                },
              },
            },
          },
        },
      },
    },
    '/settings': {
      get: {
        operationId: 'getSettings',
        responses: {
          '200': {
            description: 'Settings',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['kind'],
                  properties: { kind: { type: 'string', examples: ['basic'] }, legacy: { type: 'string' } },
                  // The faker reads no `dependentSchemas`, and Prism has it fill every optional field.
                  dependentSchemas: { kind: { not: { required: ['legacy'] } } },
                },
              },
            },
          },
        },
      },
    },
    '/resources': {
      get: {
        operationId: 'listResources',
        parameters: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer' } }],
        responses: { '200': brokenExample('Resources'), '400': brokenExample('Bad request') },
      },
    },
  },
  components: {
    schemas: {
      uuid,
      Script: {
        type: 'object',
        required: ['id', 'project_id', 'contents'],
        properties: {
          id: id('993ed018-9e79-4e50-b97b-984bd5534095'),
          project_id: id('1313fe58-5e14-4c11-bbe7-6fdfa11fe780'),
          contents: { allOf: [{ $ref: '#/components/schemas/Contents' }] },
        },
        unevaluatedProperties: { not: {} },
      },
      Contents: {
        type: 'object',
        required: ['id'],
        properties: { id: id('3fa85f64-5717-4562-b3fc-2c963f66afa6') },
        unevaluatedProperties: { not: {} },
      },
      Rows: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['meta'], properties: { meta: { type: 'object' } } },
      },
      Base: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', format: 'uri', examples: ['https://example.com/a.pdf'] },
          tags: { type: 'array', items: { type: 'string' }, examples: [['sports', 'football']] },
        },
      },
      DocumentRequest: {
        oneOf: ['sentence', 'page'].map((strategy) => ({
          type: 'object',
          properties: { chunking_strategy: { type: 'string', enum: [strategy] } },
          allOf: [{ $ref: '#/components/schemas/Base' }],
          unevaluatedProperties: { not: {} },
        })),
      },
    },
  },
}

const spec = loadSpecValidator({ spec: SPEC })
let mock: MockServer
beforeAll(async () => {
  mock = await startMock({ spec: SPEC })
})
afterAll(() => mock.close())

describe('sampleRequest on unions', () => {
  it('builds a body that matches exactly one branch of a oneOf whose branches differ by an optional field', () => {
    const { body } = spec.sampleRequest('createDocument')
    // The required fields alone ({ url }) match both branches, which a oneOf refuses.
    expect(body).toMatchObject({
      url: expect.any(String),
      chunking_strategy: expect.stringMatching(/^(sentence|page)$/),
    })
    expect((body as { tags?: unknown }).tags ?? []).toBeInstanceOf(Array)
  })

  it('leaves the spec as written (the faker writes what it resolves into the schemas it walks)', () => {
    const fresh = loadSpecValidator({ spec: SPEC })
    const before = JSON.stringify(fresh.document)
    for (const { operationId } of fresh.operations()) fresh.sampleRequest(operationId)
    fresh.sampleResponse('listScripts', 200)
    expect(JSON.stringify(fresh.document)).toBe(before)
  })

  it('is taken by the mock', async () => {
    const { body, mediaType } = spec.sampleRequest('createDocument')
    const response = await fetch(`${mock.url}/documents`, {
      method: 'POST',
      headers: { 'content-type': String(mediaType) },
      body: JSON.stringify(body),
    })
    expect(violationsOf(response)).toEqual([])
    expect(response.status).toBe(201)
  })
})

describe('sampleResponse', () => {
  it('gives a body that fits the documented schema, with its media type', () => {
    const sample = spec.sampleResponse('listScripts', 200)
    expect(sample?.mediaType).toBe('application/json')
    expect(spec.validateResponse('listScripts', 200, sample?.body)).toEqual([])
  })

  it('gives nothing where the status documents no body', () => {
    expect(spec.sampleResponse('createDocument', 201)).toBeUndefined()
    expect(spec.sampleResponse('nope', 200)).toBeUndefined()
  })
})

describe('dynamic bodies of a component used many times in one body', () => {
  it('fit the documented schema, one request after another', async () => {
    for (const seed of [1, 2, 3]) {
      const response = await fetch(`${mock.url}/scripts`, { headers: { prefer: `dynamic=true, seed=${seed}` } })
      const body: unknown = await response.json()
      expect(response.status).toBe(200)
      expect(spec.validateResponse('listScripts', 200, body), `seed ${seed}`).toEqual([])
      expect(body).toHaveLength(4)
    }
  })
})

describe('dynamic bodies the faker cannot make', () => {
  it('are answered with the documented status and a body that fits, where the faker throws', async () => {
    const response = await fetch(`${mock.url}/reports`, { headers: { prefer: 'dynamic=true' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(spec.validateResponse('getReport', 200, await response.json())).toEqual([])
  })

  it('are replaced by one that fits, where the faker breaks the schema', async () => {
    const response = await fetch(`${mock.url}/settings`, { headers: { prefer: 'dynamic=true, seed=3' } })
    expect(response.status).toBe(200)
    expect(spec.validateResponse('getSettings', 200, await response.json())).toEqual([])
    expect(violationsOf(response)).toEqual([])
  })

  it('still answer a check of the request as Prism does', async () => {
    const response = await fetch(`${mock.url}/scripts?x=1`, {
      method: 'DELETE',
      headers: { prefer: 'dynamic=true' },
    })
    expect(response.status).toBe(405)
  })
})

describe('the sl-violations header', () => {
  it('stays whole JSON where the violations do not all fit in it', async () => {
    const response = await fetch(`${mock.url}/resources?limit=1`)
    const header = response.headers.get('sl-violations') ?? ''
    expect(header.startsWith('Too many violations! [')).toBe(true)
    expect(() => JSON.parse(header.slice('Too many violations! '.length))).not.toThrow()
    const violations = violationsOf(response)
    expect(violations.length).toBeGreaterThan(10)
    expect(violations.every((violation) => violation.location[0] === 'response')).toBe(true)
  })

  it('keeps the request’s violations first, so a check of the request still sees them', async () => {
    const response = await fetch(`${mock.url}/resources`)
    expect(response.status).toBe(400)
    const [first, ...rest] = violationsOf(response)
    expect(first?.location).toEqual(['request', 'query'])
    expect(rest.length).toBeGreaterThan(10)
    expect(rest.every((violation) => violation.location[0] === 'response')).toBe(true)
  })
})
