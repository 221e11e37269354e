// The whole loop with no provider: send through the stateful mock, its signed status webhooks
// and a reply arrive at a local receiver, are verified and come out as normalized events,
// and the messages list shows what was sent and received.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startMock } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createMessenger,
  createWebhookReceiver,
  type Messenger,
  type MessengerOptions,
  type Provider,
  type WebhookEvent,
  type WebhookReceiver,
} from '../../src/index.js'
import { FROM, TO } from '../support/fixtures.js'

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

let receiver: Awaited<ReturnType<typeof receiverServer>>
beforeAll(async () => {
  receiver = await receiverServer()
})
afterAll(() => receiver.close())

const PROVIDERS: Provider[] = ['quo', 'signalwire', 'textus']

describe.each(PROVIDERS)('%s: mock → receiver → normalized event', (provider) => {
  it('a send, its status webhooks and a reply, every one verified', async () => {
    const path = `/hooks/${provider}`
    const mock = await startMock({ provider, stateful: true, webhooks: { url: receiver.url(path), delayMs: 10 } })
    try {
      const secret = mock.webhookSecret
      const hooks = (
        provider === 'signalwire'
          ? createWebhookReceiver({ provider, signingKey: secret })
          : createWebhookReceiver({ provider, secret } as never)
      ) as WebhookReceiver
      const events: WebhookEvent[] = []
      receiver.use(hooks.handle((event) => void events.push(event)))
      const options: Record<Provider, MessengerOptions> = {
        quo: { provider: 'quo', apiKey: 'quo-key-123', from: FROM, phoneNumberId: 'PN123abc', baseUrl: mock.url },
        signalwire: {
          provider: 'signalwire',
          projectId: 'p-1',
          apiToken: 'sw-token-123',
          from: FROM,
          baseUrl: mock.url,
        },
        textus: { provider: 'textus', token: 'textus-token-123', account: 'my_account', baseUrl: mock.url },
      }
      const sms = createMessenger(options[provider]) as Messenger
      const input =
        provider === 'signalwire'
          ? { to: TO, text: 'Table for 2?', statusCallback: receiver.url(path) }
          : { to: TO, text: 'Table for 2?' }
      const sent = await sms.send(input)
      expect(sent.text).toBe('Table for 2?')
      await mock.idle()
      const reply = await mock.deliver({ type: 'message.received', text: 'Yes please' })
      expect(reply.status).toBe(200)
      await mock.idle()

      const statuses = events.filter((event) => event.type === 'message.status')
      expect(statuses.length, JSON.stringify(events)).toBeGreaterThanOrEqual(1)
      expect(statuses.at(-1)).toMatchObject({ provider, status: 'delivered', messageId: sent.id })
      const replies = events.filter((event) => event.type === 'message.received')
      expect(replies).toHaveLength(1)
      expect(replies[0]).toMatchObject({ provider, message: { text: 'Yes please', direction: 'inbound' } })
      for (const event of events) expect(event.deliveryId).not.toBe('')
      expect(mock.deliveries.every((delivery) => delivery.status === 200)).toBe(true)
    } finally {
      await mock.close()
    }
  })
})

describe('the stateful Quo mock pages what was sent and received', () => {
  it('list ends, and holds the send and the reply', async () => {
    const mock = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url: receiver.url('/hooks/quo'), delayMs: 5 },
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
      const got = await sms.get(texts.length > 0 ? (mock.messages[0]?.id as string) : '')
      expect(got.text).toBe('Reminder 0')
    } finally {
      await mock.close()
    }
  })
})
