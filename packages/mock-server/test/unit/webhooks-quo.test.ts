import { isDocumentedQuoWebhook, verifyQuoWebhook } from '@textbridge/quo/webhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StatefulMockServer, startMock } from '../../src/index.js'
import { type Receiver, startReceiver } from '../fixtures/receiver.js'

const HEADERS = { authorization: 'key', 'content-type': 'application/json' }
let receiver: Receiver
let mock: StatefulMockServer

beforeAll(async () => {
  receiver = await startReceiver()
  mock = await startMock({
    provider: 'quo',
    stateful: true,
    webhooks: {
      url: `${receiver.url}/quo`,
      delayMs: 5,
      outcome: (message) =>
        message.to[0] === '+15555550199' ? 'failed' : message.to[0] === '+15555550198' ? 'undelivered' : 'delivered',
    },
  })
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})

async function send(to: string, content = 'Hello') {
  const response = await fetch(`${mock.url}/v1/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ from: '+15555550100', to: [to], content }),
  })
  return ((await response.json()) as { data: { id: string } }).data
}

async function nextDeliveries(count: number) {
  const start = receiver.received.length
  await mock.idle()
  const all = await receiver.waitFor(start + count)
  return all.slice(start)
}

const verify = (delivery: { body: string; headers: Record<string, unknown> }) =>
  verifyQuoWebhook({
    body: delivery.body,
    headers: delivery.headers as Record<string, string>,
    secret: mock.webhookSecret,
  })

describe('a stateful Quo mock with webhooks', () => {
  it('generates a base64 signing secret, as Quo shows one', () => {
    expect(mock.webhookSecret).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })

  it('signs message.delivered after a send, verified by verifyQuoWebhook, and get agrees', async () => {
    const sent = await send('+15555550123', 'Table for two')
    const [delivery] = await nextDeliveries(1)
    if (!delivery) throw new Error('no delivery')
    expect(delivery.path).toBe('/quo')
    expect(delivery.headers['openphone-signature']).toMatch(/^hmac;1;\d{13};[A-Za-z0-9+/]+=*$/)
    const event = await verify(delivery)
    expect(event).toMatchObject({
      object: 'event',
      apiVersion: 'v1',
      type: 'message.delivered',
      data: {
        object: { id: sent.id, object: 'message', text: 'Table for two', status: 'delivered', direction: 'outgoing' },
      },
    })
    expect(String(event.id)).toMatch(/^EV/)
    const got = await (await fetch(`${mock.url}/v1/messages/${sent.id}`, { headers: HEADERS })).json()
    expect(got.data.status).toBe('delivered')
  })

  it.each([
    ['+15555550199', 'message.failed'],
    ['+15555550198', 'message.undelivered'],
  ])('sends %s’s failure as %s when the outcome says so; get reads undelivered', async (to, type) => {
    const sent = await send(to)
    const [delivery] = await nextDeliveries(1)
    if (!delivery) throw new Error('no delivery')
    expect(await verify(delivery)).toMatchObject({ type, data: { object: { id: sent.id } } })
    const got = await (await fetch(`${mock.url}/v1/messages/${sent.id}`, { headers: HEADERS })).json()
    expect(got.data.status).toBe('undelivered')
  })

  it('delivers a signed reply on deliver({ type: "message.received" }), and list shows it', async () => {
    const sent = await send('+15555550150', 'Are you coming?')
    await nextDeliveries(1)
    const result = await mock.deliver({ type: 'message.received', text: 'On my way' })
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1, type: 'message.received' })
    const event = await verify(receiver.received.at(-1) as never)
    expect(event).toMatchObject({
      type: 'message.received',
      data: { object: { from: '+15555550150', to: ['+15555550100'], text: 'On my way', direction: 'incoming' } },
    })
    const page = await (
      await fetch(`${mock.url}/v1/messages?phoneNumberId=PN123abc&participants=%2B15555550150&maxResults=10`, {
        headers: HEADERS,
      })
    ).json()
    expect(page.data.map((message: { text: string }) => message.text)).toEqual(['On my way', 'Are you coming?'])
    expect(page.data[1].id).toBe(sent.id)
  })

  it.each(['message.received', 'message.delivered', 'message.failed', 'message.undelivered'])(
    'signs every %s delivery so verifyQuoWebhook accepts it, and catches any tampering',
    async (type) => {
      await mock.deliver({ type })
      const delivery = receiver.received.at(-1)
      if (!delivery) throw new Error('no delivery')
      expect(await verify(delivery)).toMatchObject({ type })
      const body = delivery.body.replace('"type"', '"Type"')
      await expect(verify({ ...delivery, body })).rejects.toMatchObject({ reason: 'bad-signature' })
      const [, , timestamp, digest] = String(delivery.headers['openphone-signature']).split(';')
      const moved = { 'openphone-signature': `hmac;1;${Number(timestamp) + 1};${digest}` }
      await expect(verify({ ...delivery, headers: moved })).rejects.toMatchObject({ reason: 'bad-signature' })
    },
  )

  it('refuses an unknown event type and a message id it does not hold', async () => {
    await expect(mock.deliver({ type: 'call.completed' })).rejects.toThrow(/unknown quo event "call.completed"/)
    await expect(mock.deliver({ type: 'message.delivered', messageId: 'ACnope' })).rejects.toThrow(/ACnope/)
  })
})

describe('Quo webhooks signed as Standard Webhooks', () => {
  it('signs with webhook-id, webhook-timestamp and webhook-signature and a whsec_ secret', async () => {
    const local = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url: `${receiver.url}/dated`, signature: 'standard-webhooks', delayMs: 1 },
    })
    try {
      expect(local.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
      const result = await local.deliver({ type: 'message.received' })
      expect(result.ok).toBe(true)
      const delivery = receiver.received.at(-1)
      if (!delivery) throw new Error('no delivery')
      expect(delivery.headers['webhook-id']).toBe(result.id)
      expect(delivery.headers['openphone-signature']).toBeUndefined()
      const headers = delivery.headers as Record<string, string>
      const event = await verifyQuoWebhook({ body: delivery.body, headers, secret: local.webhookSecret })
      expect(event.type).toBe('message.received')
      await expect(
        verifyQuoWebhook({ body: `${delivery.body} `, headers, secret: local.webhookSecret }),
      ).rejects.toMatchObject({ reason: 'bad-signature' })
    } finally {
      await local.close()
    }
  })
})

describe('Quo webhooks in the dated API (2026-03-30) envelope', () => {
  it('sends { id, apiVersion, createdAt, type, data: { resource, context, links } }, signed as Standard Webhooks', async () => {
    const local = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url: `${receiver.url}/dated`, apiVersion: '2026-03-30', delayMs: 0, outcome: 'failed' },
    })
    try {
      expect(local.webhookSecret).toMatch(/^whsec_/)
      const start = receiver.received.length
      const response = await fetch(`${local.url}/v1/messages`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify({ from: '+15555550100', to: ['+15555550123'], content: 'Dated' }),
      })
      const { data: sent } = (await response.json()) as { data: { id: string } }
      await local.idle()
      const [delivery] = receiver.received.slice(start)
      if (!delivery) throw new Error('no delivery')
      expect(delivery.headers['openphone-signature']).toBeUndefined()
      const headers = delivery.headers as Record<string, string>
      const event = await verifyQuoWebhook({ body: delivery.body, headers, secret: local.webhookSecret })
      expect(event).toMatchObject({
        apiVersion: '2026-03-30',
        type: 'message.failed',
        data: {
          resource: { id: sent.id, text: 'Dated', direction: 'outgoing' },
          context: {
            phoneNumberId: expect.stringMatching(/^PN/),
            conversationId: expect.stringMatching(/^CN/),
            participants: { external: ['+15555550123'], workspace: ['+15555550100'] },
          },
          links: { quo: expect.stringMatching(/^https:\/\/my\.quo\.com\/inbox\/PN\w+\/c\/CN\w+\?at=AC\w+$/) },
        },
      })
      expect(event.data).not.toHaveProperty('object')
      expect(isDocumentedQuoWebhook(event)).toBe(true)
    } finally {
      await local.close()
    }
  })

  it('refuses the legacy signature for the dated API, and an API version Quo does not have', async () => {
    const url = `${receiver.url}/dated`
    await expect(
      startMock({
        provider: 'quo',
        stateful: true,
        webhooks: { url, apiVersion: '2026-03-30', signature: 'openphone' },
      }),
    ).rejects.toThrow('webhooks.signature for quo (API 2026-03-30) must be one of: standard-webhooks')
    await expect(
      startMock({ provider: 'quo', stateful: true, webhooks: { url, apiVersion: '2025-01-01' } }),
    ).rejects.toThrow('webhooks.apiVersion for quo must be one of: v1, 2026-03-30')
    await expect(
      startMock({ provider: 'textus', stateful: true, webhooks: { url, apiVersion: 'v1' } }),
    ).rejects.toThrow("webhooks.apiVersion: textus's webhooks have no API versions")
  })
})
