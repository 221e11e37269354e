// Webhook verification: each provider's verifier (and the facade's receiver) against one bare
// Web Crypto HMAC of the same body, the least any verifier must do.
import { createHmac } from 'node:crypto'
import { verifyQuoWebhook } from '@textbridge/quo/webhooks'
import { verifySignalWireWebhook } from '@textbridge/signalwire/webhooks'
import { verifyTextUsWebhook } from '@textbridge/textus/webhooks'
import { createWebhookReceiver } from 'textbridge/webhooks'
import { timeCalls } from './per-call.mjs'

const BODY = JSON.stringify({
  id: 'EV1',
  type: 'message.received',
  createdAt: '2026-12-01T10:00:00Z',
  data: {
    object: {
      id: 'AC123abc',
      from: '+15555550123',
      to: ['+15555550100'],
      direction: 'incoming',
      text: 'Yes, see you then. '.repeat(8),
      status: 'received',
      createdAt: '2026-12-01T10:00:00Z',
      userId: null,
      phoneNumberId: 'PN123abc',
      conversationId: 'CN123abc',
    },
  },
})
/** The same message as TextUs delivers it (the envelope of our TextUs spec's webhooks). */
const TEXTUS_BODY = JSON.stringify({
  '@type': 'WebhookDelivery',
  id: '/integrations/h13Jc5/deliveries/xyz',
  timestamp: '2026-12-01T10:00:00.000Z',
  action: 'message.received',
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
    body: 'Yes, see you then. '.repeat(8),
    deliveryState: 'delivered',
  },
})
const URL = 'https://app.example.com/hooks/sms'
const QUO_SECRET = Buffer.from('bench-quo-secret-0123456789').toString('base64')
const KEY = 'bench-signing-key'

/** A delivery of each scheme, signed once up front with node:crypto. */
function deliveries() {
  const at = Date.now()
  const quo = createHmac('sha256', Buffer.from(QUO_SECRET, 'base64')).update(`${at}.${BODY}`).digest('base64')
  return {
    quo: { 'openphone-signature': `hmac;1;${at};${quo}`, 'content-type': 'application/json' },
    signalwire: {
      'x-signalwire-signature': createHmac('sha1', KEY)
        .update(URL + BODY)
        .digest('hex'),
    },
    textus: { 'x-textus-signature': createHmac('sha256', KEY).update(TEXTUS_BODY).digest('hex') },
  }
}

/** One HMAC-SHA256 of the body with Web Crypto, the key imported each time as a verifier must. */
async function bareHmac() {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(KEY),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return crypto.subtle.sign('HMAC', key, new TextEncoder().encode(BODY))
}

/**
 * @param {{ rounds: number, time: number, warmupTime: number, iterations: number, warmupIterations: number }} budget
 * @returns {Promise<{ way: string, samples: number, opsPerSecond: number, p50Ms: number, p99Ms: number, ratio: number }[]>}
 *   `ratio`: this way's median time ÷ the bare HMAC's (1 is the floor)
 */
export async function timeWebhooks(budget) {
  const headers = deliveries()
  const receiver = createWebhookReceiver({ provider: 'textus', secret: KEY })
  const ways = {
    'Web Crypto HMAC-SHA256 (the floor)': bareHmac,
    verifyQuoWebhook: () => verifyQuoWebhook({ body: BODY, headers: headers.quo, secret: QUO_SECRET }),
    verifySignalWireWebhook: () =>
      verifySignalWireWebhook({ url: URL, body: BODY, headers: headers.signalwire, signingKey: KEY }),
    verifyTextUsWebhook: () => verifyTextUsWebhook({ body: TEXTUS_BODY, headers: headers.textus, secret: KEY }),
    'createWebhookReceiver (textus): verify + normalize': async () => {
      const event = await receiver.verify({ url: URL, headers: headers.textus, body: TEXTUS_BODY })
      if (event.type !== 'message.received') throw new Error(`the receiver read a ${event.type}`)
    },
  }
  const tasks = []
  for (const [way, fn] of Object.entries(ways)) {
    await fn() // a way that cannot verify its delivery fails here, before any timing
    tasks.push({ id: way, way, fn })
  }
  const stats = await timeCalls(tasks, budget)
  const floor = stats.get('Web Crypto HMAC-SHA256 (the floor)')
  return tasks.map(({ id, way }) => ({ way, ...stats.get(id), ratio: stats.get(id).p50Ms / floor.p50Ms }))
}
