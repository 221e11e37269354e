import { loadSpecValidator, type MockServer, startMock } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AcceptedMessage,
  AuthenticationError,
  type Message,
  ProviderError,
  TEXTUS_STATUS,
  type TextUsMessenger,
  ValidationError,
} from '../../src/index.js'
import { dynamicFetch, nullify } from '../support/dynamic.js'
import { messengerFor, TO } from '../support/fixtures.js'

const spec = loadSpecValidator({ provider: 'textus' })
let mock: MockServer
beforeAll(async () => {
  mock = await startMock({ provider: 'textus' })
})
afterAll(() => mock.close())

function textus(extra: Record<string, unknown> = {}) {
  return messengerFor('textus', mock.url, { retry: { retries: 0 }, ...extra }) as TextUsMessenger
}

function expectNormalized(message: Message<'textus'> | AcceptedMessage<'textus'>, raw: Record<string, unknown>) {
  expect(message.provider).toBe('textus')
  expect(message.id).toBe(raw.id)
  expect(message.from).toBe('my_account')
  expect(message.to).toEqual([TO])
  expect(message.text).toBe(raw.body)
  const members = (raw.attachments as { members: { url: string }[] }).members
  expect(message.media).toEqual(members.map((member) => member.url))
  expect(message.providerStatus).toBe(raw.deliveryState)
  expect(message.status).toBe(TEXTUS_STATUS[raw.deliveryState as string] ?? 'unknown')
  expect(message.direction).toBe(raw.direction === 'in' ? 'inbound' : 'outbound')
  expect(message.createdAt.getTime()).toBe(Date.parse(raw.displayTimestamp as string))
  expect(message.raw).toEqual(raw)
}

describe('TextUs through the facade, against the mock of its spec', () => {
  it("send: returns the docs' message, for the account, in TextUs's media type", async () => {
    mock.clearRequests()
    const message = await textus().send({ to: TO, text: 'Hello', media: ['https://example.com/a.png'] })
    expect(message).toMatchObject({
      id: '/messages/QNDkpL',
      provider: 'textus',
      status: 'delivered',
      from: 'my_account',
    })
    const [request] = mock.requests
    expect(request?.violations).toEqual([])
    expect(request?.url).toBe('/my_account/messages')
    expect(request?.headers['content-type']).toBe('application/vnd.textus+jsonld')
    expect(JSON.parse(request?.body ?? '')).toEqual({
      to: TO,
      body: 'Hello',
      attachments: [{ media_url: 'https://example.com/a.png', content_type: 'image/png' }],
    })
  })

  it('send: a WhatsApp template', async () => {
    mock.clearRequests()
    await textus().send({ to: TO, channel: 'whatsapp', template: { id: 'dkDdrbR', variables: { appt_date: '1/1' } } })
    expect(mock.requests[0]?.violations).toEqual([])
    expect(JSON.parse(mock.requests[0]?.body ?? '')).toEqual({
      to: TO,
      channel: 'whatsapp',
      template: { id: 'dkDdrbR', variable_values: { appt_date: '1/1' } },
    })
  })

  it('broadcast: one request; 202 with no body accepts every recipient, without ids', async () => {
    mock.clearRequests()
    const result = await textus({ headers: { Prefer: 'code=202' } }).broadcast({ to: [TO, '+15555550124'], text: 'Hi' })
    expect(mock.requests).toHaveLength(1)
    expect(JSON.parse(mock.requests[0]?.body ?? '').to).toEqual([TO, '+15555550124'])
    expect(result).toMatchObject({ delivery: 'broadcast', accepted: 2, failed: 0 })
    for (const entry of result.results) {
      expect(entry.ok && entry.message).toMatchObject({ id: undefined, status: 'queued', providerStatus: 'accepted' })
    }
  })

  it('send: one recipient answered with no body is accepted, without an id', async () => {
    const message = await textus({ headers: { Prefer: 'code=202' } }).send({ to: TO, text: 'Hi' })
    expect(message).toMatchObject({ id: undefined, to: [TO], status: 'queued', providerStatus: 'accepted' })
  })

  it.each([
    [401, AuthenticationError],
    [422, ProviderError],
  ] as const)('send: the documented %i rejects with its typed error', async (status, type) => {
    const error = await textus({ headers: { Prefer: `code=${status}` } })
      .send({ to: TO, text: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    expect(error).toMatchObject({ provider: 'textus', operation: 'send', status, retryable: false })
  })

  it('broadcast: a failure fails for every recipient, with the same error', async () => {
    const result = await textus({ headers: { Prefer: 'code=422' } }).broadcast({ to: [TO, '+15555550124'], text: 'Hi' })
    expect(result).toMatchObject({ accepted: 0, failed: 2 })
    expect(result.results.every((r) => !r.ok && r.error instanceof ProviderError && r.error.status === 422)).toBe(true)
  })

  it('validation failures never reach the mock', async () => {
    mock.clearRequests()
    const sms = textus()
    for (const input of [
      { to: TO, template: { id: 'x' } },
      { to: TO, text: '' },
      { to: TO, text: 'x', media: ['https://e.com/a.png', 'https://e.com/b.png'] },
    ]) {
      await expect(sms.send(input as never)).rejects.toBeInstanceOf(ValidationError)
    }
    expect(mock.requests).toHaveLength(0)
  })

  it('normalization holds for 100 dynamic answers to send', async () => {
    const { fetch, served } = dynamicFetch((body) => {
      nullify(body, ['retry', 'engagementScore', 'engagementTemperature', 'whatsAppTemplate', 'respondedToMessage'])
      for (const member of (body.attachments as { members?: unknown[] })?.members ?? []) {
        nullify(member, ['width', 'height', 'originalFilename'])
      }
    })
    const sms = textus({ fetch })
    for (let i = 0; i < 100; i++) {
      const message = await sms.send({ to: TO, text: `dynamic ${i}` })
      const { body } = served.at(-1) as { body: Record<string, unknown> }
      expect(spec.validateResponse('sendMessage', 201, body)).toEqual([])
      expectNormalized(message, body)
    }
  })
})
