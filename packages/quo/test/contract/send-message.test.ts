import { loadSpecValidator, type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQuoClient, type paths, type QuoClient } from '../../src/index.js'

type SendBody = paths['/v1/messages']['post']['requestBody']['content']['application/json']

const spec = loadSpecValidator({ provider: 'quo' })
const valid: SendBody = { from: '+15555550100', to: ['+15555550123'], content: 'Hello from the contract test' }
let mock: MockServer
let quo: QuoClient

beforeAll(async () => {
  mock = await startMock({ provider: 'quo' })
  quo = createQuoClient({ apiKey: 'contract-test-key', baseUrl: mock.url })
})
afterAll(() => mock.close())

describe('sendMessage_v1 (POST /v1/messages) against the Quo mock', () => {
  it('accepts a valid message with 202 and no spec violation', async () => {
    const { data, error, response } = await quo.POST('/v1/messages', { body: valid })
    expect(response.status).toBe(202)
    expect(violationsOf(response)).toEqual([])
    expect(error).toBeUndefined()
    expect(data?.data.id).toMatch(/^AC/)
    expect(spec.validateResponse('sendMessage_v1', 202, data)).toEqual([])
  })

  it('sends the API key as the Authorization header and JSON as the body', async () => {
    mock.clearRequests()
    await quo.POST('/v1/messages', { body: valid })
    const [request] = mock.requests
    expect(request?.headers.authorization).toBe('contract-test-key')
    expect(request?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual(valid)
  })

  it('accepts a Quo phone number ID (PN…) as the sender', async () => {
    const { response } = await quo.POST('/v1/messages', { body: { ...valid, from: 'PN123abc' } })
    expect(response.status).toBe(202)
    expect(violationsOf(response)).toEqual([])
  })

  const invalid: [string, unknown, { location: string[]; code: string }][] = [
    ['a missing content', { from: valid.from, to: valid.to }, { location: ['request', 'body'], code: 'required' }],
    [
      'a recipient not in E.164',
      { ...valid, to: ['5550123'] },
      { location: ['request', 'body', 'to', '0'], code: 'pattern' },
    ],
    [
      'a sender that is neither E.164 nor PN…',
      { ...valid, from: '5550100' },
      { location: ['request', 'body', 'from'], code: 'anyOf' },
    ],
    ['empty content', { ...valid, content: '' }, { location: ['request', 'body', 'content'], code: 'minLength' }],
    [
      'content of only spaces',
      { ...valid, content: '   ' },
      { location: ['request', 'body', 'content'], code: 'pattern' },
    ],
    [
      'content over 1600 characters',
      { ...valid, content: 'x'.repeat(1601) },
      { location: ['request', 'body', 'content'], code: 'maxLength' },
    ],
    ['no recipients', { ...valid, to: [] }, { location: ['request', 'body', 'to'], code: 'minItems' }],
    [
      'eleven recipients',
      { ...valid, to: Array.from({ length: 11 }, (_, i) => `+1555555${String(i).padStart(4, '0')}`) },
      { location: ['request', 'body', 'to'], code: 'maxItems' },
    ],
  ]
  it.each(invalid)('reports %s as a violation', async (_name, body, violation) => {
    const { response } = await quo.POST('/v1/messages', { body: body as SendBody })
    expect(response.status).toBe(400)
    expect(violationsOf(response)).toContainEqual(expect.objectContaining(violation))
  })

  const documented = [
    [400, '0206400', 'A2P Registration Not Approved'],
    [401, '0200401', 'Unauthorized'],
    [402, '0201402', 'Subscription Expired'],
    [403, '0202403', 'Not Phone Number User'],
    [404, '0200404', 'Not Found'],
    [500, '0201500', 'Unknown'],
  ] as const
  it.each(documented)('returns the documented %i error, typed', async (status, code, title) => {
    const { data, error, response } = await quo.POST('/v1/messages', {
      body: valid,
      headers: { Prefer: `code=${status}` },
    })
    expect(response.status).toBe(status)
    expect(data).toBeUndefined()
    // `error` is typed as the union of the documented error bodies.
    expect(error?.code).toBe(code)
    expect(error?.title).toBe(title)
    expect(error?.status).toBe(status)
    expect(spec.validateResponse('sendMessage_v1', status, error)).toEqual([])
  })

  it('returns dynamic responses that satisfy the 202 schema (50 seeded samples)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { data, response } = await quo.POST('/v1/messages', {
        body: valid,
        headers: { Prefer: `dynamic=true, seed=${seed}` },
      })
      expect(response.status).toBe(202)
      expect(spec.validateResponse('sendMessage_v1', 202, data), `seed ${seed}`).toEqual([])
    }
  })
})
