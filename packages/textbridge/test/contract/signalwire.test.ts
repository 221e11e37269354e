import { loadSpecValidator, type MockServer, startMock } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  type Message,
  ProviderError,
  SIGNALWIRE_STATUS,
  type SignalWireMessenger,
  ValidationError,
} from '../../src/index.js'
import { dynamicFetch, nullify } from '../support/dynamic.js'
import { messengerFor, TO } from '../support/fixtures.js'

const spec = loadSpecValidator({ provider: 'signalwire' })
let mock: MockServer
beforeAll(async () => {
  mock = await startMock({ provider: 'signalwire' })
})
afterAll(() => mock.close())

function signalwire(extra: Record<string, unknown> = {}) {
  return messengerFor('signalwire', mock.url, { retry: { retries: 0 }, ...extra }) as SignalWireMessenger
}

function expectNormalized(message: Message<'signalwire'>, raw: Record<string, unknown>) {
  expect(message.provider).toBe('signalwire')
  expect(message.id).toBe(raw.id)
  expect(message.from).toBe(raw.from)
  expect(message.to).toEqual([raw.to])
  expect(message.text).toBe(raw.body)
  expect(message.media).toEqual(raw.media)
  expect(message.providerStatus).toBe(raw.status)
  expect(message.status).toBe(SIGNALWIRE_STATUS[raw.status as string] ?? 'unknown')
  expect(message.direction).toBe(raw.direction)
  expect(message.createdAt.getTime()).toBe(Date.parse(raw.created_at as string))
  expect(message.raw).toEqual(raw)
}

describe('SignalWire through the facade, against the mock of its spec', () => {
  it('send: returns the normalized message, sent with Basic auth and no violation', async () => {
    mock.clearRequests()
    const message = await signalwire().send({ to: TO, text: 'Hello', media: ['https://example.com/a.png'] })
    expect(message).toMatchObject({ provider: 'signalwire', status: 'queued' })
    expect(mock.requests[0]?.violations).toEqual([])
    expect(mock.requests[0]?.headers.authorization).toMatch(/^Basic /)
    expect(JSON.parse(mock.requests[0]?.body ?? '')).toEqual({
      from: '+15555550100',
      to: TO,
      body: 'Hello',
      media: ['https://example.com/a.png'],
    })
  })

  it('broadcast: one request per recipient', async () => {
    mock.clearRequests()
    const result = await signalwire().broadcast({ to: [TO, '+15555550124'], text: 'Hi' })
    expect(result).toMatchObject({ accepted: 2, failed: 0 })
    expect(mock.requests.map((r) => JSON.parse(r.body).to).sort()).toEqual([TO, '+15555550124'])
  })

  it.each([
    [400, ProviderError, 'Bad Request'],
    [401, AuthenticationError, 'Unauthorized'],
    [422, ProviderError, undefined],
    [500, ProviderError, 'Internal Server Error'],
  ] as const)('send: the documented %i rejects with its typed error', async (status, type, title) => {
    const error = await signalwire({ headers: { Prefer: `code=${status}` } })
      .send({ to: TO, text: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    expect(error).toMatchObject({ provider: 'signalwire', operation: 'send', status, retryable: false })
    if (title && error instanceof ProviderError) expect(error.title).toBe(title)
    if (status === 422) expect((error as ProviderError).providerCode).toEqual(expect.any(String))
  })

  it('validation failures never reach the mock', async () => {
    mock.clearRequests()
    const sms = signalwire()
    for (const input of [{ to: TO }, { to: TO, text: ' ' }, { to: TO, media: Array(9).fill('https://e.com/a.png') }]) {
      await expect(sms.send(input)).rejects.toBeInstanceOf(ValidationError)
    }
    expect(mock.requests).toHaveLength(0)
  })

  it('normalization holds for 100 dynamic answers to send', async () => {
    const { fetch, served } = dynamicFetch((body) =>
      nullify(body, ['error_code', 'error_message', 'status_callback_url']),
    )
    const sms = signalwire({ fetch })
    for (let i = 0; i < 100; i++) {
      const message = await sms.send({ to: TO, text: `dynamic ${i}` })
      const { body } = served.at(-1) as { body: Record<string, unknown> }
      expect(spec.validateResponse('create_message', 201, body)).toEqual([])
      expectNormalized(message, body)
    }
    expect(served.filter((s) => (s.body as { error_code: unknown }).error_code === null).length).toBeGreaterThan(10)
  })
})
