import { loadSpecValidator, type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQuoClient, type QuoClient } from '../../src/index.js'

const spec = loadSpecValidator({ provider: 'quo' })
let mock: MockServer
let quo: QuoClient

beforeAll(async () => {
  mock = await startMock({ provider: 'quo' })
  quo = createQuoClient({ apiKey: 'contract-test-key', baseUrl: mock.url })
})
afterAll(() => mock.close())

describe('getMessageById_v1 (GET /v1/messages/{id}) against the Quo mock', () => {
  it('gets a message with 200 and no spec violation', async () => {
    const { data, error, response } = await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC123abc' } } })
    expect(response.status).toBe(200)
    expect(violationsOf(response)).toEqual([])
    expect(error).toBeUndefined()
    expect(data?.data.id).toMatch(/^AC/)
    expect(spec.validateResponse('getMessageById_v1', 200, data)).toEqual([])
  })

  it('encodes the id into the path', async () => {
    mock.clearRequests()
    await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC 1/2' } } })
    expect(mock.requests[0]?.url).toBe('/v1/messages/AC%201%2F2')
  })

  it('reports an id that is not a message id (AC…) as a violation', async () => {
    const { response } = await quo.GET('/v1/messages/{id}', { params: { path: { id: 'CN123abc' } } })
    expect(response.status).toBe(400)
    expect(violationsOf(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'path', 'id'], code: 'pattern' }),
    )
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
    const { data, error, response } = await quo.GET('/v1/messages/{id}', {
      params: { path: { id: 'AC123abc' } },
      headers: { Prefer: `code=${status}` },
    })
    expect(response.status).toBe(status)
    expect(data).toBeUndefined()
    expect(error?.code).toBe(code)
    expect(spec.validateResponse('getMessageById_v1', status, error)).toEqual([])
  })

  it('returns dynamic messages that satisfy the 200 schema (50 seeded samples)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { data, response } = await quo.GET('/v1/messages/{id}', {
        params: { path: { id: 'AC123abc' } },
        headers: { Prefer: `dynamic=true, seed=${seed}` },
      })
      expect(response.status).toBe(200)
      expect(spec.validateResponse('getMessageById_v1', 200, data), `seed ${seed}`).toEqual([])
    }
  })
})
