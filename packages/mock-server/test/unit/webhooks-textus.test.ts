import { verifyTextUsWebhook } from '@textbridge/textus/webhooks'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSpecValidator, type StatefulMockServer, startMock, violationsOf } from '../../src/index.js'
import { type Receiver, startReceiver } from '../fixtures/receiver.js'

const spec = loadSpecValidator({ provider: 'textus' })
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
addFormats.default(ajv)
ajv.addSchema(spec.document, 'spec')
/** The problems of a payload against the schema of its webhook in the spec (none: it conforms). */
function webhookProblems(type: string, payload: unknown): unknown[] {
  const name = {
    'message.received': 'Received',
    'message.delivered': 'Delivered',
    'message.failed': 'Failed',
    'message.unknown': 'Unknown',
  }[type]
  const validate = ajv.getSchema(`spec#/components/schemas/Message${name}Webhook`)
  if (!validate) throw new Error(`no schema for ${type}`)
  return validate(payload) ? [] : (validate.errors ?? [])
}
const HEADERS = { authorization: 'Bearer token', 'content-type': 'application/vnd.textus+jsonld' }
let receiver: Receiver
let mock: StatefulMockServer

beforeAll(async () => {
  receiver = await startReceiver()
  mock = await startMock({
    provider: 'textus',
    stateful: true,
    webhooks: {
      url: `${receiver.url}/textus`,
      delayMs: 5,
      outcome: ({ to }) =>
        to[0] === '+13035550001' ? 'failed' : to[0] === '+13035550002' ? 'undelivered' : 'delivered',
    },
  })
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})

async function send(to: string | string[], body = 'See you at 5') {
  const response = await fetch(`${mock.url}/my_account/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ to, body }),
  })
  const text = await response.text()
  return { response, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined }
}

const verify = (delivery: { body: string; headers: Record<string, unknown> }) =>
  verifyTextUsWebhook({
    body: delivery.body,
    headers: delivery.headers as Record<string, string>,
    secret: mock.webhookSecret,
  })

describe('a stateful TextUs mock', () => {
  it('answers a send to one recipient with the message sent, valid against the spec', async () => {
    const { response, body } = await send('+13035551234', 'Hello <b>you</b>')
    expect(response.status).toBe(201)
    expect(violationsOf(response)).toEqual([])
    expect(body).toMatchObject({
      '@type': 'Message',
      direction: 'out',
      body: 'Hello <b>you</b>',
      deliveryState: 'queued',
    })
    expect(body?.id).toMatch(/^\/messages\/[A-Za-z0-9]{7}$/)
    expect(spec.validateResponse('sendMessage', 201, body)).toEqual([])
    await mock.idle()
  })

  it('answers a send to several recipients with 202 and no body, storing one message each', async () => {
    const before = mock.messages.length
    const { response, body } = await send(['+13035551235', '+13035551236'])
    expect(response.status).toBe(202)
    expect(body).toBeUndefined()
    expect(mock.messages.slice(before).map((message) => message.to)).toEqual([['+13035551235'], ['+13035551236']])
    await mock.idle()
  })

  it.each([
    ['+13035551240', 'message.delivered', 'delivered'],
    ['+13035550001', 'message.failed', 'failed'],
    ['+13035550002', 'message.unknown', 'unknown'],
  ])('reports a send to %s as %s, signed, and stores the state %s', async (to, action, state) => {
    const start = receiver.received.length
    const { body } = await send(to)
    await mock.idle()
    const [delivery] = (await receiver.waitFor(start + 1)).slice(start)
    if (!delivery) throw new Error('no delivery')
    const event = await verify(delivery)
    expect(event).toMatchObject({ '@type': 'WebhookDelivery', action, message: { id: body?.id, deliveryState: state } })
    expect(event.conversation).toMatchObject({ phoneNumber: to })
    expect(mock.messages.find((message) => message.id === body?.id)?.status).toBe(state)
  })

  it.each(['message.received', 'message.delivered', 'message.failed', 'message.unknown'])(
    'signs a delivered %s so verifyTextUsWebhook accepts it, and catches a changed body',
    async (type) => {
      const result = await mock.deliver({ type, text: type === 'message.received' ? 'Yes please' : undefined })
      expect(result.ok).toBe(true)
      const delivery = receiver.received.at(-1)
      if (!delivery) throw new Error('no delivery')
      const event = await verify(delivery)
      expect(event).toMatchObject({ '@type': 'WebhookDelivery', action: type, id: result.id })
      expect(webhookProblems(type, event)).toEqual([])
      if (type === 'message.received') expect(event.message).toMatchObject({ direction: 'in', body: 'Yes please' })
      await expect(
        verify({ ...delivery, body: delivery.body.replace('WebhookDelivery', 'WebhookDeliverx') }),
      ).rejects.toMatchObject({
        reason: 'bad-signature',
      })
    },
  )
})
