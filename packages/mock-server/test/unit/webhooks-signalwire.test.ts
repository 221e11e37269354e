import { isSignalWireWebhook, verifySignalWireWebhook } from '@textbridge/signalwire/webhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSpecValidator, type StatefulMockServer, startMock, violationsOf } from '../../src/index.js'
import { type Receiver, startReceiver } from '../fixtures/receiver.js'

const spec = loadSpecValidator({ provider: 'signalwire' })
const HEADERS = { authorization: `Basic ${btoa('project:token')}`, 'content-type': 'application/json' }
let receiver: Receiver
let mock: StatefulMockServer

beforeAll(async () => {
  receiver = await startReceiver()
  mock = await startMock({
    provider: 'signalwire',
    stateful: true,
    webhooks: {
      url: `${receiver.url}/inbound`,
      delayMs: 5,
      outcome: (m) => (m.text === 'fail me' ? 'failed' : 'delivered'),
    },
  })
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})

async function send(body: Record<string, unknown>) {
  const response = await fetch(`${mock.url}/api/messaging/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ from: '+15550001111', to: '+15550002222', ...body }),
  })
  return { response, body: (await response.json()) as Record<string, unknown> }
}

const verifyAt = async (url: string, delivery: { body: string; headers: Record<string, unknown> }) =>
  (await verifySignalWireWebhook({
    url,
    body: delivery.body,
    headers: delivery.headers as Record<string, string>,
    signingKey: mock.webhookSecret,
  })) as Record<string, unknown>

describe('a stateful SignalWire mock', () => {
  it('answers a send with the message sent: a UUID, its body, queued, valid against the spec', async () => {
    const { response, body } = await send({ body: 'Hello there' })
    expect(response.status).toBe(201)
    expect(violationsOf(response)).toEqual([])
    expect(body).toMatchObject({ body: 'Hello there', status: 'queued', direction: 'outbound', kind: 'sms', media: [] })
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(spec.validateResponse('create_message', 201, body)).toEqual([])
    expect(mock.messages.at(-1)).toMatchObject({ id: body.id, text: 'Hello there', status: 'queued' })
  })

  it('sends queued → sent → delivered to the send’s status_callback, each verified, and the store agrees', async () => {
    const callback = `${receiver.url}/status?ref=42`
    const start = receiver.received.length
    const { body } = await send({ body: 'Track me', status_callback: callback })
    expect(body.status_callback_url).toBe(callback)
    const deliveries = (await receiver.waitFor(start + 3)).slice(start)
    const events = await Promise.all(deliveries.map((delivery) => verifyAt(callback, delivery)))
    expect(events.map((event) => event.status)).toEqual(['queued', 'sent', 'delivered'])
    expect(events[2]).toMatchObject({ id: body.id, body: 'Track me', to: '+15550002222', from: '+15550001111' })
    expect(deliveries[0]?.path).toBe('/status?ref=42')
    expect(mock.messages.find((message) => message.id === body.id)?.status).toBe('delivered')
  })

  it('reports a failure with its error code when the outcome says so', async () => {
    const callback = `${receiver.url}/status`
    const start = receiver.received.length
    await send({ body: 'fail me', status_callback: callback })
    const deliveries = (await receiver.waitFor(start + 3)).slice(start)
    const last = await verifyAt(callback, deliveries[2] as never)
    expect(last).toMatchObject({ status: 'failed', error_code: '30008' })
  })

  it('sends no status webhooks for a send without status_callback', async () => {
    const start = receiver.received.length
    await send({ body: 'quiet' })
    await mock.idle()
    expect(receiver.received.length).toBe(start)
  })

  it.each([
    ['inboundMessageWebhook', 'inboundMessageWebhook'],
    ['message.received', 'inboundMessageWebhook'],
    ['messageStatusCallback', 'messageStatusCallback'],
    ['message.undelivered', 'messageStatusCallback'],
  ])('signs %s so verifySignalWireWebhook accepts it, and catches a changed URL or body', async (type, documented) => {
    const result = await mock.deliver({ type })
    expect(result).toMatchObject({ ok: true, type: documented })
    const delivery = receiver.received.at(-1)
    if (!delivery) throw new Error('no delivery')
    const url = `${receiver.url}/inbound`
    const event = await verifyAt(url, delivery)
    if (documented === 'inboundMessageWebhook')
      expect(event.message).toMatchObject({ direction: 'inbound', from: '+15550002222' })
    else expect(event.status).toBe(type === 'message.undelivered' ? 'undelivered' : 'delivered')
    await expect(verifyAt(`${url}?x=1`, delivery)).rejects.toMatchObject({ reason: 'bad-signature' })
    await expect(verifyAt(url, { ...delivery, body: delivery.body.replace('+1555', '+1556') })).rejects.toMatchObject({
      reason: 'bad-signature',
    })
  })

  it('sends the Compatibility API status callback as a form, signed over the URL and its sorted fields', async () => {
    const callback = `${receiver.url}/compat?ref=7`
    const { body } = await send({ body: 'Compat me', status_callback: callback })
    await mock.idle()
    const result = await mock.deliver({ type: 'sms.undelivered', messageId: String(body.id) }, { url: callback })
    expect(result).toMatchObject({ ok: true, type: 'smsStatusCallback' })
    const delivery = receiver.received.at(-1)
    if (!delivery) throw new Error('no delivery')
    expect(delivery.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(String(delivery.headers['x-signalwire-signature'])).toMatch(/^[A-Za-z0-9+/]{27}=$/)
    const event = await verifyAt(callback, delivery)
    expect(isSignalWireWebhook(event, 'smsStatusCallback')).toBe(true)
    expect(event).toMatchObject({
      MessageStatus: 'undelivered',
      MessageSid: body.id,
      Body: 'Compat me',
      From: '+15550001111',
      To: '+15550002222',
      NumMedia: '0',
      NumSegments: '1',
      ErrorCode: '30003',
    })
    expect(mock.messages.find((message) => message.id === body.id)?.status).toBe('undelivered')
    await expect(verifyAt(`${receiver.url}/compat?ref=8`, delivery)).rejects.toMatchObject({ reason: 'bad-signature' })
    const forged = { ...delivery, body: delivery.body.replace('Compat', 'Forged') }
    await expect(verifyAt(callback, forged)).rejects.toMatchObject({ reason: 'bad-signature' })
  })

  it('knows the Compatibility statuses the spec lists, and refuses one it does not', async () => {
    expect(mock.eventTypes).toEqual(expect.arrayContaining(['smsStatusCallback', 'sms.sending', 'sms.received']))
    await expect(mock.deliver({ type: 'smsStatusCallback', status: 'read' })).rejects.toThrow(
      'a SignalWire Compatibility API message status is one of queued, sending, sent, delivered, undelivered, failed, receiving, received; got "read"',
    )
    await expect(mock.deliver({ type: 'sms.read' })).rejects.toThrow('unknown signalwire event "sms.read"')
  })
})
