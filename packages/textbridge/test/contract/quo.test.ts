import { loadSpecValidator, type MockServer, startMock } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  type Message,
  NotFoundError,
  ProviderError,
  QUO_STATUS,
  type QuoMessenger,
  ValidationError,
} from '../../src/index.js'
import { dynamicFetch, nullify } from '../support/dynamic.js'
import { messengerFor, TO } from '../support/fixtures.js'

const spec = loadSpecValidator({ provider: 'quo' })
let mock: MockServer
beforeAll(async () => {
  mock = await startMock({ provider: 'quo' })
})
afterAll(() => mock.close())

function quo(extra: Record<string, unknown> = {}) {
  return messengerFor('quo', mock.url, { retry: { retries: 0 }, ...extra }) as QuoMessenger
}

/** The normalized message is the raw one, read as the facade promises. */
function expectNormalized(message: Message<'quo'>, raw: Record<string, unknown>) {
  expect(message.provider).toBe('quo')
  expect(message.id).toBe(raw.id)
  expect(message.from).toBe(raw.from)
  expect(message.to).toEqual(raw.to)
  expect(message.text).toBe(raw.text)
  expect(message.media).toEqual([])
  expect(message.providerStatus).toBe(raw.status)
  expect(message.status).toBe(QUO_STATUS[raw.status as string] ?? 'unknown')
  expect(message.direction).toBe(raw.direction === 'incoming' ? 'inbound' : 'outbound')
  expect(message.createdAt).toBeInstanceOf(Date)
  expect(message.createdAt.getTime()).toBe(Date.parse(raw.createdAt as string))
  expect(message.raw).toEqual(raw)
}

describe('Quo through the facade, against the mock of its spec', () => {
  it('send: returns the normalized message', async () => {
    mock.clearRequests()
    const message = await quo().send({ to: TO, text: 'Hello' })
    expect(message).toMatchObject({ id: 'AC123abc', provider: 'quo', to: ['+15555555555'], status: 'queued' })
    expect(mock.requests[0]?.violations).toEqual([])
  })

  it('send: a group is one request with every recipient', async () => {
    mock.clearRequests()
    await quo().send({ to: [TO, '+15555550124'], text: 'Hello all', delivery: 'group' })
    expect(mock.requests).toHaveLength(1)
    expect(JSON.parse(mock.requests[0]?.body ?? '').to).toEqual([TO, '+15555550124'])
    expect(mock.requests[0]?.violations).toEqual([])
  })

  it('broadcast: one request per recipient, with a result each', async () => {
    mock.clearRequests()
    const result = await quo().broadcast({ to: [TO, '+15555550124', '+15555550125'], text: 'Hi' })
    expect(result).toMatchObject({ delivery: 'broadcast', accepted: 3, failed: 0 })
    expect(result.results.map((r) => r.to)).toEqual([TO, '+15555550124', '+15555550125'])
    expect(mock.requests.map((r) => JSON.parse(r.body).to)).toEqual(
      expect.arrayContaining([[TO], ['+15555550124'], ['+15555550125']]),
    )
    expect(mock.requests.flatMap((r) => r.violations)).toEqual([])
  })

  it('get: returns the normalized message', async () => {
    expect(await quo().get('AC123abc')).toMatchObject({ id: 'AC123abc', provider: 'quo' })
  })

  it('list: yields normalized messages', async () => {
    const messages: Message<'quo'>[] = []
    for await (const message of quo().list({ participants: [TO] }, { limit: 1 })) messages.push(message)
    expect(messages).toHaveLength(1)
    expect(mock.requests.at(-1)?.violations).toEqual([])
  })

  const errors = [
    [400, ProviderError, '0206400'],
    [401, AuthenticationError, '0200401'],
    [402, ProviderError, '0201402'],
    [403, AuthenticationError, '0202403'],
    [404, NotFoundError, '0200404'],
    [500, ProviderError, '0201500'],
  ] as const
  describe.each(errors)('the documented %i', (status, type, code) => {
    const calls = {
      send: (sms: QuoMessenger) => sms.send({ to: TO, text: 'x' }),
      get: (sms: QuoMessenger) => sms.get('AC123abc'),
      list: async (sms: QuoMessenger) => {
        for await (const _ of sms.list({ participants: [TO] })) break
      },
    }
    it.each(Object.keys(calls) as (keyof typeof calls)[])('%s: rejects with its typed error', async (operation) => {
      const error = await calls[operation](quo({ headers: { Prefer: `code=${status}` } })).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(type)
      expect(error).toMatchObject({ provider: 'quo', operation, status })
      if (error instanceof ProviderError) expect(error.providerCode).toBe(code)
      expect((error as Error).message).toMatch(/^Quo /)
      const transient = status === 500
      expect((error as ProviderError).retryable).toBe(transient && operation !== 'send')
    })
  })

  it('validation failures never reach the mock', async () => {
    mock.clearRequests()
    const sms = quo()
    const attempts = [
      sms.send({ to: '5550123', text: 'x' }),
      sms.send({ to: TO, text: '' }),
      sms.send({ to: Array(11).fill(TO), text: 'x', delivery: 'group' }),
      sms.get('CN123'),
      (async () => {
        for await (const _ of sms.list({ participants: Array(11).fill(TO) })) break
      })(),
    ]
    for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    expect(mock.requests).toHaveLength(0)
  })

  describe('normalization holds for 100 dynamic answers per operation', () => {
    const nulls = (body: Record<string, unknown>, seed: number) => {
      const data = body.data
      for (const message of Array.isArray(data) ? data : [data]) nullify(message, ['userId', 'phoneNumberId'])
      if ('nextPageToken' in body && seed % 3 === 0) body.nextPageToken = null
    }

    it('send', async () => {
      const { fetch, served } = dynamicFetch(nulls)
      const sms = quo({ fetch })
      for (let i = 0; i < 100; i++) {
        const message = await sms.send({ to: TO, text: `dynamic ${i}` })
        const { body } = served.at(-1) as { body: { data: Record<string, unknown> } }
        expect(spec.validateResponse('sendMessage_v1', 202, body)).toEqual([])
        expectNormalized(message, body.data)
      }
      expect(
        served.filter((s) => (s.body as { data: { userId: unknown } }).data.userId === null).length,
      ).toBeGreaterThan(10)
    })

    it('get', async () => {
      const { fetch, served } = dynamicFetch(nulls)
      const sms = quo({ fetch })
      for (let i = 0; i < 100; i++) {
        const message = await sms.get('AC123abc')
        const { body } = served.at(-1) as { body: { data: Record<string, unknown> } }
        expect(spec.validateResponse('getMessageById_v1', 200, body)).toEqual([])
        expectNormalized(message, body.data)
      }
    })

    it('list', async () => {
      const { fetch, served } = dynamicFetch(nulls)
      const sms = quo({ fetch })
      const yielded: Message<'quo'>[] = []
      while (served.length < 100) {
        for await (const message of sms.list({ participants: [TO] }, { maxResults: 5 })) {
          yielded.push(message)
          if (served.length >= 100) break
        }
      }
      const raws = served.flatMap(({ body }) => {
        expect(spec.validateResponse('listMessages_v1', 200, body)).toEqual([])
        return (body as { data: Record<string, unknown>[] }).data
      })
      expect(yielded.length).toBeGreaterThan(0)
      yielded.forEach((message, index) => {
        expectNormalized(message, raws[index] as Record<string, unknown>)
      })
    })
  })
})
