// The webhook receiver: deliveries signed here with node:crypto (independently of the
// providers' verifiers), verified and normalized through the public API, answered as each
// provider expects.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createWebhookReceiver, isWebhookVerificationError } from '../../src/index.js'

const QUO_SECRET = Buffer.from('quo-webhook-secret-0123456789').toString('base64')
const SIGNING_KEY = 'PSK_signalwire_signing_key_123'
const TEXTUS_SECRET = 'textus-webhook-secret-abc'
const URL_CALLED = 'https://app.example.com/hooks/sms?tenant=1'

function quoDelivery(payload: unknown, at = Date.now()) {
  const body = JSON.stringify(payload)
  const digest = createHmac('sha256', Buffer.from(QUO_SECRET, 'base64')).update(`${at}.${body}`).digest('base64')
  return new Request(URL_CALLED, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'openphone-signature': `hmac;1;${at};${digest}` },
    body,
  })
}

function signalWireJson(payload: unknown, url = URL_CALLED, requestUrl = url) {
  const body = JSON.stringify(payload)
  const signature = createHmac('sha1', SIGNING_KEY)
    .update(url + body)
    .digest('hex')
  return new Request(requestUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signalwire-signature': signature },
    body,
  })
}

function signalWireForm(params: Record<string, string>) {
  const signed = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], URL_CALLED)
  const signature = createHmac('sha1', SIGNING_KEY).update(signed).digest('base64')
  return new Request(URL_CALLED, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-signalwire-signature': signature },
    body: new URLSearchParams(params).toString(),
  })
}

function textUsDelivery(payload: unknown) {
  const body = JSON.stringify(payload)
  const signature = createHmac('sha256', TEXTUS_SECRET).update(body).digest('hex')
  return new Request(URL_CALLED, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-textus-signature': signature },
    body,
  })
}

const quoMessage = {
  id: 'AC123abc',
  object: 'message',
  from: '+15555550123',
  to: ['+15555550100'],
  direction: 'incoming',
  text: 'Yes, see you then',
  status: 'received',
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:01Z',
  userId: null,
  phoneNumberId: 'PN123abc',
  conversationId: 'CN123abc',
}

const textUsEnvelope = (action: string, message: Record<string, unknown>) => ({
  '@type': 'WebhookDelivery',
  id: '/integrations/h13Jc5/deliveries/xyz',
  timestamp: '2026-12-01T10:00:00.000Z',
  action,
  webHook: '/integrations/h13Jc5',
  conversation: {
    '@type': 'Conversation',
    id: '/conversations/JY',
    account: '/accounts/my_account',
    phoneNumber: '+13035551234',
  },
  message: {
    '@type': 'Message',
    id: '/messages/QNDkpL',
    direction: 'in',
    body: 'Yes, see you then',
    deliveryState: 'delivered',
    displayTimestamp: '2026-12-01T10:00:00.000Z',
    ...message,
  },
})

describe('createWebhookReceiver: verified and normalized, for every provider', () => {
  it('Quo: a reply is a message.received with the normalized message, and a delivery a status', async () => {
    const hooks = createWebhookReceiver({ provider: 'quo', secret: QUO_SECRET })
    const reply = await hooks.verify(quoDelivery({ id: 'EV1', type: 'message.received', data: { object: quoMessage } }))
    expect(reply).toMatchObject({
      type: 'message.received',
      provider: 'quo',
      deliveryId: 'EV1',
      message: {
        id: 'AC123abc',
        from: '+15555550123',
        text: 'Yes, see you then',
        direction: 'inbound',
        status: 'received',
      },
    })
    const delivered = await hooks.verify(
      quoDelivery({
        id: 'EV2',
        type: 'message.delivered',
        data: { object: { ...quoMessage, direction: 'outgoing', status: 'delivered' } },
      }),
    )
    expect(delivered).toMatchObject({
      type: 'message.status',
      messageId: 'AC123abc',
      status: 'delivered',
      providerStatus: 'delivered',
      deliveryId: 'EV2',
    })
    const other = await hooks.verify(quoDelivery({ id: 'EV3', type: 'call.completed', data: { object: {} } }))
    expect(other).toMatchObject({ type: 'other', providerType: 'call.completed', deliveryId: 'EV3' })
  })

  it('Quo, dated 2026-03-30 envelope: the resource is the message, its numbers from the context when it leaves them out', async () => {
    const QUO_WHSEC = `whsec_${Buffer.from('quo-dated-secret-0123456789abcd').toString('base64')}`
    const hooks = createWebhookReceiver({ provider: 'quo', secret: QUO_WHSEC })
    const dated = (type: string, resource: Record<string, unknown>) => {
      const body = JSON.stringify({
        id: 'msg_1',
        apiVersion: '2026-03-30',
        createdAt: '2026-12-01T10:00:02Z',
        type,
        data: {
          resource,
          context: {
            phoneNumberId: 'PN123abc',
            participants: { external: ['+15555550123'], workspace: ['+15555550100'], resolution: 'available' },
          },
          links: { quo: 'https://my.quo.com/inbox/PN123abc/c/CN123abc?at=AC123abc' },
        },
      })
      const seconds = Math.floor(Date.now() / 1000)
      const key = Buffer.from(QUO_WHSEC.slice(6), 'base64')
      const signature = createHmac('sha256', key).update(`wh_1.${seconds}.${body}`).digest('base64')
      return new Request(URL_CALLED, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'wh_1',
          'webhook-timestamp': String(seconds),
          'webhook-signature': `v1,${signature}`,
        },
        body,
      })
    }
    const { from: _from, to: _to, ...bare } = quoMessage
    const reply = await hooks.verify(dated('message.received', bare))
    expect(reply).toMatchObject({
      type: 'message.received',
      deliveryId: 'wh_1',
      message: { id: 'AC123abc', from: '+15555550123', to: ['+15555550100'], direction: 'inbound' },
    })
    const failed = await hooks.verify(
      dated('message.failed', { ...bare, direction: 'outgoing', status: 'undelivered', to: ['+15555550999'] }),
    )
    expect(failed).toMatchObject({ type: 'message.status', messageId: 'AC123abc', status: 'failed' })
    await expect(hooks.verify(dated('message.received', { id: 'AC1' }))).rejects.toMatchObject({
      reason: 'malformed',
      message: expect.stringContaining('data.resource'),
    })
  })

  it('SignalWire: REST status callbacks, REST and form inbound messages', async () => {
    const hooks = createWebhookReceiver({ provider: 'signalwire', signingKey: SIGNING_KEY })
    const status = await hooks.verify(
      signalWireJson({
        id: 'm-1',
        status: 'undelivered',
        to: '+15555550123',
        from: '+15555550100',
        error_code: '30003',
        error_message: 'Unreachable',
        timestamp: '2026-12-01T10:00:00Z',
      }),
    )
    expect(status).toMatchObject({
      type: 'message.status',
      messageId: 'm-1',
      status: 'failed',
      providerStatus: 'undelivered',
      error: { code: '30003', message: 'Unreachable' },
      deliveryId: 'm-1:undelivered',
    })
    const inbound = await hooks.verify(
      signalWireJson({
        message: {
          message_id: 'm-2',
          direction: 'inbound',
          from: '+15555550123',
          to: '+15555550100',
          body: 'Hi',
          media: [],
          segments: 1,
        },
      }),
    )
    expect(inbound).toMatchObject({
      type: 'message.received',
      message: {
        id: 'm-2',
        from: '+15555550123',
        to: ['+15555550100'],
        text: 'Hi',
        segments: { count: 1, source: 'provider' },
      },
    })
    const form = await hooks.verify(
      signalWireForm({
        MessageSid: 'SM1',
        From: '+15555550123',
        To: '+15555550100',
        Body: 'Photo',
        NumMedia: '1',
        MediaUrl0: 'https://e.com/a.png',
      }),
    )
    expect(form).toMatchObject({
      type: 'message.received',
      message: { id: 'SM1', text: 'Photo', media: ['https://e.com/a.png'] },
    })
    const formStatus = await hooks.verify(signalWireForm({ MessageSid: 'SM2', MessageStatus: 'sending' }))
    expect(formStatus).toMatchObject({ type: 'message.status', status: 'sending', messageId: 'SM2' })
  })

  it('TextUs: received, delivered, failed and unknown', async () => {
    const hooks = createWebhookReceiver({ provider: 'textus', secret: TEXTUS_SECRET })
    const reply = await hooks.verify(textUsDelivery(textUsEnvelope('message.received', {})))
    expect(reply).toMatchObject({
      type: 'message.received',
      message: { from: '+13035551234', text: 'Yes, see you then', direction: 'inbound' },
    })
    for (const [action, status] of [
      ['message.delivered', 'delivered'],
      ['message.failed', 'failed'],
      ['message.unknown', 'unknown'],
    ] as const) {
      const event = await hooks.verify(textUsDelivery(textUsEnvelope(action, { direction: 'out' })))
      expect(event, action).toMatchObject({
        type: 'message.status',
        status,
        messageId: '/messages/QNDkpL',
        deliveryId: '/integrations/h13Jc5/deliveries/xyz',
      })
    }
  })

  it('takes { url, headers, body } as well as a Request', async () => {
    const hooks = createWebhookReceiver({ provider: 'textus', secret: TEXTUS_SECRET })
    const request = textUsDelivery(textUsEnvelope('message.delivered', {}))
    const event = await hooks.verify({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    })
    expect(event.type).toBe('message.status')
  })
})

describe('what a bad delivery gets', () => {
  it('rejects a forged or stale one with a WebhookVerificationError that holds no secret', async () => {
    const hooks = createWebhookReceiver({ provider: 'quo', secret: QUO_SECRET })
    const tampered = quoDelivery({ id: 'EV1', type: 'message.received', data: { object: quoMessage } })
    const forged = new Request(tampered, { body: (await tampered.text()).replace('see you', 'pay now') })
    const errors = [
      await hooks.verify(forged).catch((e: unknown) => e),
      await hooks
        .verify(quoDelivery({ id: 'x', type: 'message.received' }, Date.now() - 3_600_000))
        .catch((e: unknown) => e),
      await hooks.verify(new Request(URL_CALLED, { method: 'POST', body: '{}' })).catch((e: unknown) => e),
    ]
    expect(errors.map((e) => isWebhookVerificationError(e) && e.reason)).toEqual([
      'bad-signature',
      'stale-timestamp',
      'missing-signature',
    ])
    for (const error of errors) expect(`${String(error)}${JSON.stringify(error)}`).not.toContain(QUO_SECRET)
  })

  it('handle(): 200 once the callback resolves, 401 with no detail, 400 malformed, 500 when the callback throws', async () => {
    const seen: string[] = []
    const hooks = createWebhookReceiver({ provider: 'textus', secret: TEXTUS_SECRET })
    const ok = hooks.handle((event) => {
      seen.push(event.type)
    })
    expect((await ok(textUsDelivery(textUsEnvelope('message.received', {})))).status).toBe(200)
    const bad = await ok(
      new Request(URL_CALLED, { method: 'POST', headers: { 'x-textus-signature': 'ab'.repeat(32) }, body: '{}' }),
    )
    expect(bad.status).toBe(401)
    expect(await bad.text()).toBe('')
    const notJson = '{not json'
    const signature = createHmac('sha256', TEXTUS_SECRET).update(notJson).digest('hex')
    expect(
      (
        await ok(
          new Request(URL_CALLED, { method: 'POST', headers: { 'x-textus-signature': signature }, body: notJson }),
        )
      ).status,
    ).toBe(400)
    const failing = hooks.handle(() => {
      throw new Error('database down')
    })
    expect((await failing(textUsDelivery(textUsEnvelope('message.received', {})))).status).toBe(500)
    expect(seen).toEqual(['message.received'])
  })

  it('answers a SignalWire form webhook with an empty cXML document', async () => {
    const hooks = createWebhookReceiver({ provider: 'signalwire', signingKey: SIGNING_KEY })
    const response = await hooks.handle(() => undefined)(
      signalWireForm({ MessageSid: 'SM1', From: '+1555', To: '+1666', Body: 'x' }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml')
    expect(await response.text()).toContain('<Response></Response>')
  })

  it('behind a TLS-terminating proxy: publicUrl is what SignalWire signed, and the error says when it is the cause', async () => {
    const payload = { id: 'm-1', status: 'delivered' }
    const seenByServer = 'http://127.0.0.1:3000/hooks/sms?tenant=1'
    const plain = createWebhookReceiver({ provider: 'signalwire', signingKey: SIGNING_KEY })
    const error = await plain.verify(signalWireJson(payload, URL_CALLED, seenByServer)).catch((e: unknown) => e)
    expect(isWebhookVerificationError(error)).toBe(true)
    expect((error as Error).message).toMatch(/publicUrl|URL/)
    const behindProxy = createWebhookReceiver({
      provider: 'signalwire',
      signingKey: SIGNING_KEY,
      publicUrl: URL_CALLED,
    })
    expect(await behindProxy.verify(signalWireJson(payload, URL_CALLED, seenByServer))).toMatchObject({
      status: 'delivered',
    })
  })

  it('refuses bad options at creation, naming them and never a secret', () => {
    expect(() => createWebhookReceiver({ provider: 'quo' } as never)).toThrow(/option "secret" is required/)
    expect(() => createWebhookReceiver({ provider: 'twilio' } as never)).toThrow(/unknown provider "twilio"/)
    expect(() =>
      createWebhookReceiver({ provider: 'signalwire', signingKey: SIGNING_KEY, publicUrl: '/hooks' }),
    ).toThrow(/publicUrl/)
    expect(() =>
      createWebhookReceiver({ provider: 'textus', secret: TEXTUS_SECRET, signingKey: 'x' } as never),
    ).toThrow(/unknown option "signingKey"/)
  })
})
