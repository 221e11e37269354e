import { loadSpecValidator, type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSignalWireClient, type paths, type SignalWireClient } from '../../src/index.js'

type SendBody = NonNullable<paths['/api/messaging/messages']['post']['requestBody']>['content']['application/json']

const spec = loadSpecValidator({ provider: 'signalwire' })
const valid: SendBody = { from: '+15555550100', to: '+15555550123', body: 'Hello from the contract test' }
let mock: MockServer
let signalwire: SignalWireClient

beforeAll(async () => {
  mock = await startMock({ provider: 'signalwire' })
  signalwire = createSignalWireClient({ baseUrl: mock.url, projectId: 'project-id', apiToken: 'contract-token' })
})
afterAll(() => mock.close())

describe('create_message (POST /api/messaging/messages) against the SignalWire mock', () => {
  it('creates a message with 201 and no spec violation', async () => {
    const { data, error, response } = await signalwire.POST('/api/messaging/messages', { body: valid })
    expect(response.status).toBe(201)
    expect(violationsOf(response)).toEqual([])
    expect(error).toBeUndefined()
    expect(data?.id).toEqual(expect.any(String))
    expect(spec.validateResponse('create_message', 201, data)).toEqual([])
  })

  it('authenticates with Basic project ID and API token', async () => {
    mock.clearRequests()
    await signalwire.POST('/api/messaging/messages', { body: valid })
    const authorization = mock.requests[0]?.headers.authorization ?? ''
    expect(authorization.startsWith('Basic ')).toBe(true)
    expect(atob(authorization.slice('Basic '.length))).toBe('project-id:contract-token')
  })

  it('accepts media without a body, and a short code as the sender', async () => {
    const { response } = await signalwire.POST('/api/messaging/messages', {
      body: { from: '12345', to: '+15555550123', media: ['https://example.com/cat.png'] },
    })
    expect(response.status).toBe(201)
    expect(violationsOf(response)).toEqual([])
  })

  const invalid: [string, unknown, { location: string[]; code: string }][] = [
    ['a missing recipient', { from: valid.from, body: 'x' }, { location: ['request', 'body'], code: 'required' }],
    ['a recipient not in E.164', { ...valid, to: '5550123' }, { location: ['request', 'body', 'to'], code: 'pattern' }],
    [
      'a sender that is neither E.164 nor a short code',
      { ...valid, from: 'SENDER' },
      { location: ['request', 'body', 'from'], code: 'pattern' },
    ],
    [
      'neither a body nor media',
      { from: valid.from, to: valid.to },
      { location: ['request', 'body'], code: 'required' },
    ],
    ['a blank body', { ...valid, body: '  ' }, { location: ['request', 'body', 'body'], code: 'pattern' }],
    [
      'nine media URLs',
      { ...valid, media: Array.from({ length: 9 }, (_, i) => `https://example.com/${i}.png`) },
      { location: ['request', 'body', 'media'], code: 'maxItems' },
    ],
    [
      'a media URL that is not http(s)',
      { ...valid, media: ['ftp://example.com/a.png'] },
      { location: ['request', 'body', 'media', '0'], code: 'pattern' },
    ],
  ]
  it.each(invalid)('reports %s as a violation', async (_name, body, violation) => {
    const { response } = await signalwire.POST('/api/messaging/messages', { body: body as SendBody })
    expect(response.status).toBe(422)
    expect(violationsOf(response)).toContainEqual(expect.objectContaining(violation))
  })

  it('answers 401 to a request without credentials (the scheme is required)', async () => {
    const response = await fetch(`${mock.url}/api/messaging/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    })
    expect(response.status).toBe(401)
    expect(violationsOf(response)).toContainEqual(expect.objectContaining({ code: 401 }))
  })

  it('returns the documented 400, 401 and 500 errors, typed', async () => {
    for (const [status, text] of [
      [400, 'Bad Request'],
      [401, 'Unauthorized'],
      [500, 'Internal Server Error'],
    ] as const) {
      const { data, error, response } = await signalwire.POST('/api/messaging/messages', {
        body: valid,
        headers: { Prefer: `code=${status}` },
      })
      expect(response.status).toBe(status)
      expect(data).toBeUndefined()
      expect(error && 'error' in error ? error.error : undefined).toBe(text)
      expect(spec.validateResponse('create_message', status, error)).toEqual([])
    }
  })

  it('returns the documented 422 error with its list of problems, typed', async () => {
    const { error, response } = await signalwire.POST('/api/messaging/messages', {
      body: valid,
      headers: { Prefer: 'code=422' },
    })
    expect(response.status).toBe(422)
    const errors = error && 'errors' in error ? error.errors : []
    expect(errors[0]).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }))
    expect(spec.validateResponse('create_message', 422, error)).toEqual([])
  })

  it('returns dynamic responses that satisfy the 201 schema (50 seeded samples)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { data, response } = await signalwire.POST('/api/messaging/messages', {
        body: valid,
        headers: { Prefer: `dynamic=true, seed=${seed}` },
      })
      expect(response.status).toBe(201)
      expect(spec.validateResponse('create_message', 201, data), `seed ${seed}`).toEqual([])
    }
  })
})
