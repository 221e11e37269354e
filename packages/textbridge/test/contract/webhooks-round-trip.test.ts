// The whole loop with no provider: send through the stateful mock, its signed status webhooks
// and every event type the mock knows arrive at a local receiver, are verified and come out
// as normalized events, and the messages list shows what was sent and received. The event
// types come from the mock (so from the spec): one without an expectation below fails.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadSpecValidator, type StatefulMockServer, startMock, type WebhookOptions } from '@textbridge/mock-server'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createMessenger,
  createWebhookReceiver,
  isDocumentedQuoWebhook,
  isDocumentedTextUsWebhook,
  isSignalWireWebhook,
  type Messenger,
  type Provider,
  type SignalWireWebhookName,
  type WebhookEvent,
  type WebhookReceiver,
} from '../../src/index.js'
import { FROM, messengerFor, TO } from '../support/fixtures.js'

/** A local receiver: a Node server handing each request, as a Fetch Request, to `handler`. */
async function receiverServer() {
  let handler: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const { port } = server.address() as AddressInfo
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method ?? 'POST',
      headers,
      body: Buffer.concat(chunks),
    })
    const response = await handler(request)
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    use: (next: (request: Request) => Promise<Response>) => {
      handler = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * The problems of `raw` against the schema the provider's final spec gives webhook `name`'s
 * body (none: it conforms). A form body's values are text, so they are read as the schema's
 * types, as a server decoding the form would.
 */
function specProblems(provider: Provider, name: string, raw: unknown): unknown[] {
  const key = `${provider} ${name}`
  let validate = validators.get(key)
  if (!validate) {
    const { document } = loadSpecValidator({ provider })
    const webhook = (document.webhooks as Record<string, { post: { requestBody: { content: object } } }>)[name]
    if (!webhook) throw new Error(`${provider}'s spec has no webhook ${name}`)
    const [mediaType] = Object.keys(webhook.post.requestBody.content)
    const form = mediaType === 'application/x-www-form-urlencoded'
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, coerceTypes: form })
    addFormats.default(ajv)
    ajv.addSchema(document, 'spec')
    const pointer = `spec#/webhooks/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/post/requestBody/content/${(mediaType as string).replace(/\//g, '~1')}/schema`
    validate = ajv.getSchema(pointer)
    if (!validate) throw new Error(`no schema at ${pointer}`)
    validators.set(key, validate)
  }
  return validate(structuredClone(raw)) ? [] : (validate.errors ?? [])
}
/** One compiled schema per provider and webhook, for every event sent as it. */
const validators = new Map<string, ValidateFunction>()

let receiver: Awaited<ReturnType<typeof receiverServer>>
beforeAll(async () => {
  receiver = await receiverServer()
})
afterAll(() => receiver.close())

const REPLY = 'Yes please'
const received = { type: 'message.received', message: { direction: 'inbound' } }
const status = (normalized: string, providerStatus: string) => ({
  type: 'message.status',
  status: normalized,
  providerStatus,
})

/** A provider (and envelope) the loop runs for: what each event type the mock knows comes out as. */
interface Case {
  name: string
  provider: Provider
  webhooks?: Partial<WebhookOptions>
  /** The normalized event each event type of `mock.eventTypes` must give. */
  expected: Record<string, Record<string, unknown>>
  /** Whether the event's raw payload is the one the spec documents for `type`. */
  documented: (raw: unknown, type: string) => boolean
  /** The spec's webhook whose body event type `type` is sent as. */
  webhook: (type: string) => string
}

const quoEvents = {
  'message.received': received,
  'message.delivered': status('delivered', 'delivered'),
  // Quo's message has no `failed` status: a failed message reads `undelivered`.
  'message.failed': status('failed', 'undelivered'),
  'message.undelivered': status('failed', 'undelivered'),
}

/** SignalWire's payloads name no event: which documented webhook each event type sends. */
const signalWireWebhook = (type: string): SignalWireWebhookName =>
  type === 'message.received' || type === 'inboundMessageWebhook'
    ? 'inboundMessageWebhook'
    : type === 'smsStatusCallback' || type.startsWith('sms.')
      ? 'smsStatusCallback'
      : 'messageStatusCallback'

const CASES: Case[] = [
  {
    name: 'quo, v1 envelope (openphone-signature)',
    provider: 'quo',
    expected: quoEvents,
    documented: (raw) => isDocumentedQuoWebhook(raw as never),
    webhook: (type) => type,
  },
  {
    name: 'quo, 2026-03-30 envelope (Standard Webhooks)',
    provider: 'quo',
    webhooks: { apiVersion: '2026-03-30' },
    expected: quoEvents,
    documented: (raw) =>
      isDocumentedQuoWebhook(raw as never) && (raw as { apiVersion?: unknown }).apiVersion === '2026-03-30',
    webhook: (type) => type,
  },
  {
    name: 'signalwire, REST (JSON) and Compatibility (form) callbacks',
    provider: 'signalwire',
    expected: {
      inboundMessageWebhook: received,
      'message.received': received,
      messageStatusCallback: status('delivered', 'delivered'),
      'message.queued': status('queued', 'queued'),
      'message.initiated': status('sending', 'initiated'),
      'message.sent': status('sent', 'sent'),
      'message.delivered': status('delivered', 'delivered'),
      'message.undelivered': status('failed', 'undelivered'),
      'message.failed': status('failed', 'failed'),
      'message.read': status('delivered', 'read'),
      smsStatusCallback: status('delivered', 'delivered'),
      'sms.queued': status('queued', 'queued'),
      'sms.sending': status('sending', 'sending'),
      'sms.sent': status('sent', 'sent'),
      'sms.delivered': status('delivered', 'delivered'),
      'sms.undelivered': status('failed', 'undelivered'),
      'sms.failed': status('failed', 'failed'),
      'sms.receiving': status('received', 'receiving'),
      // A Compatibility status callback saying `received` reports an inbound message.
      'sms.received': received,
    },
    documented: (raw, type) => isSignalWireWebhook(raw as never, signalWireWebhook(type)),
    webhook: signalWireWebhook,
  },
  {
    name: 'textus',
    provider: 'textus',
    expected: {
      'message.received': received,
      'message.delivered': status('delivered', 'delivered'),
      'message.failed': status('failed', 'failed'),
      'message.unknown': status('unknown', 'unknown'),
    },
    documented: (raw) => isDocumentedTextUsWebhook(raw as never),
    webhook: (type) => type,
  },
]

describe.each(CASES)('$name: mock → receiver → normalized event', (testCase) => {
  const { provider } = testCase
  const path = `/hooks/${testCase.name.replace(/\W+/g, '-')}`
  const events: WebhookEvent[] = []
  let mock: StatefulMockServer
  let sms: Messenger
  let sentId: string

  beforeAll(async () => {
    mock = await startMock({
      provider,
      stateful: true,
      webhooks: { url: receiver.url(path), delayMs: 0, ...testCase.webhooks },
    })
    const secret = mock.webhookSecret
    const hooks = (
      provider === 'signalwire'
        ? createWebhookReceiver({ provider, signingKey: secret })
        : createWebhookReceiver({ provider, secret } as never)
    ) as WebhookReceiver
    const handle = hooks.handle((event) => void events.push(event))
    receiver.use(handle)
    sms = messengerFor(provider, mock.url)
  })
  afterAll(() => mock.close())

  it('a send, then its status webhooks, each verified, the last one delivered', async () => {
    const input =
      provider === 'signalwire'
        ? { to: TO, text: 'Table for 2?', statusCallback: receiver.url(path) }
        : { to: TO, text: 'Table for 2?' }
    const sent = await sms.send(input)
    expect(sent.id).toEqual(expect.any(String))
    sentId = sent.id as string
    expect(sent.text).toBe('Table for 2?')
    await mock.idle()
    const statuses = events.filter((event) => event.type === 'message.status')
    expect(statuses.length, JSON.stringify(events)).toBeGreaterThanOrEqual(1)
    expect(statuses.at(-1)).toMatchObject({ provider, status: 'delivered', messageId: sent.id })
    expect(mock.deliveries.every((delivery) => delivery.status === 200)).toBe(true)
  })

  it('every event type the mock knows comes out as its normalized event, its raw payload the spec’s', async () => {
    expect(Object.keys(testCase.expected).sort()).toEqual([...mock.eventTypes].sort())
    for (const type of mock.eventTypes) {
      const before = events.length
      const delivery = await mock.deliver({ type, text: REPLY })
      expect(delivery, type).toMatchObject({ ok: true, status: 200 })
      expect(events.length, type).toBe(before + 1)
      const event = events.at(-1) as WebhookEvent
      const expected = testCase.expected[type] as Record<string, unknown>
      expect(event, type).toMatchObject({ ...expected, provider })
      expect(event.deliveryId, type).not.toBe('')
      expect(testCase.documented(event.raw, type), `${type}: ${JSON.stringify(event.raw)}`).toBe(true)
      expect(specProblems(provider, testCase.webhook(type), event.raw), type).toEqual([])
      if (event.type === 'message.status') expect(event.messageId, type).toBe(sentId)
      if (event.type === 'message.received' && type !== 'sms.received') expect(event.message.text, type).toBe(REPLY)
    }
  })
})

describe('the stateful Quo mock pages what was sent and received', () => {
  it('list ends, and holds the send and the reply', async () => {
    const mock = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url: receiver.url('/hooks/quo-list'), delayMs: 0 },
    })
    receiver.use(async () => new Response(null, { status: 200 }))
    try {
      const sms = createMessenger({
        provider: 'quo',
        apiKey: 'quo-key-123',
        from: FROM,
        phoneNumberId: 'PN123abc',
        baseUrl: mock.url,
      })
      for (let i = 0; i < 12; i++) await sms.send({ to: TO, text: `Reminder ${i}` })
      await mock.deliver({ type: 'message.received', text: 'Thanks' })
      await mock.idle()
      const texts: string[] = []
      for await (const message of sms.list({ participants: [TO] }, { maxResults: 5 })) texts.push(message.text)
      expect(texts).toHaveLength(13)
      expect(texts).toContain('Thanks')
      expect(texts).toContain('Reminder 0')
      const got = await sms.get(mock.messages[0]?.id as string)
      expect(got.text).toBe('Reminder 0')
    } finally {
      await mock.close()
    }
  })
})
