import { loadSpecValidator, type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQuoClient, type paths, type QuoClient } from '../../src/index.js'

type ListQuery = paths['/v1/messages']['get']['parameters']['query']

const spec = loadSpecValidator({ provider: 'quo' })
const valid: ListQuery = { phoneNumberId: 'PN123abc', participants: ['+15555550123'], maxResults: 10 }
let mock: MockServer
let quo: QuoClient

beforeAll(async () => {
  mock = await startMock({ provider: 'quo' })
  quo = createQuoClient({ apiKey: 'contract-test-key', baseUrl: mock.url })
})
afterAll(() => mock.close())

describe('listMessages_v1 (GET /v1/messages) against the Quo mock', () => {
  it('lists messages with 200 and no spec violation', async () => {
    const { data, error, response } = await quo.GET('/v1/messages', { params: { query: valid } })
    expect(response.status).toBe(200)
    expect(violationsOf(response)).toEqual([])
    expect(error).toBeUndefined()
    expect(Array.isArray(data?.data)).toBe(true)
    expect(spec.validateResponse('listMessages_v1', 200, data)).toEqual([])
  })

  it('sends participants as repeated, encoded query parameters', async () => {
    mock.clearRequests()
    const { response } = await quo.GET('/v1/messages', {
      params: { query: { ...valid, participants: ['+15555550123', '+15555550124'], pageToken: 'next' } },
    })
    expect(violationsOf(response)).toEqual([])
    const url = new URL(mock.requests[0]?.url ?? '', mock.url)
    expect(url.searchParams.getAll('participants')).toEqual(['+15555550123', '+15555550124'])
    expect(url.searchParams.get('pageToken')).toBe('next')
  })

  // Prism names query parameters in lower case. It does not check maxItems of a query array
  // (eleven participants pass), so that limit is enforced by the facade's validation only.
  const invalid: [string, unknown, { location: string[]; code: string }][] = [
    [
      'missing participants',
      { phoneNumberId: 'PN123abc', maxResults: 10 },
      { location: ['request', 'query'], code: 'required' },
    ],
    [
      'a participant not in E.164',
      { ...valid, participants: ['5550123'] },
      { location: ['request', 'query', 'participants', '0'], code: 'pattern' },
    ],
    [
      'a phoneNumberId not starting with PN',
      { ...valid, phoneNumberId: 'OP123abc' },
      { location: ['request', 'query', 'phonenumberid'], code: 'pattern' },
    ],
    [
      'maxResults over 100',
      { ...valid, maxResults: 101 },
      { location: ['request', 'query', 'maxresults'], code: 'maximum' },
    ],
    ['maxResults of 0', { ...valid, maxResults: 0 }, { location: ['request', 'query', 'maxresults'], code: 'minimum' }],
    [
      'a createdAfter that is not a date-time',
      { ...valid, createdAfter: 'yesterday' },
      { location: ['request', 'query', 'createdafter'], code: 'format' },
    ],
  ]
  it.each(invalid)('reports %s as a violation', async (_name, query, violation) => {
    const { response } = await quo.GET('/v1/messages', { params: { query: query as ListQuery } })
    expect(response.status).toBe(400)
    expect(violationsOf(response)).toContainEqual(expect.objectContaining(violation))
  })

  const documented = [
    [400, '0206400'],
    [401, '0200401'],
    [402, '0201402'],
    [403, '0202403'],
    [404, '0200404'],
    [500, '0201500'],
  ] as const
  it.each(documented)('returns the documented %i error, typed', async (status, code) => {
    const { data, error, response } = await quo.GET('/v1/messages', {
      params: { query: valid },
      headers: { Prefer: `code=${status}` },
    })
    expect(response.status).toBe(status)
    expect(data).toBeUndefined()
    expect(error?.code).toBe(code)
    expect(spec.validateResponse('listMessages_v1', status, error)).toEqual([])
  })

  it('returns dynamic pages that satisfy the 200 schema (50 seeded samples)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { data, response } = await quo.GET('/v1/messages', {
        params: { query: valid },
        headers: { Prefer: `dynamic=true, seed=${seed}` },
      })
      expect(response.status).toBe(200)
      expect(spec.validateResponse('listMessages_v1', 200, data), `seed ${seed}`).toEqual([])
    }
  })
})
