import { createQuoClient, type QuoClient } from '@textbridge/quo'
import { isWebhookVerificationError, verifyQuoWebhook } from '@textbridge/quo/webhooks'

export async function main(baseUrl: string) {
  const quo: QuoClient = createQuoClient({ apiKey: 'consumer-key', baseUrl })
  const { data, error, response } = await quo.POST('/v1/messages', {
    body: { from: '+15555550100', to: ['+15555550123'], content: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`Quo answered ${response.status}: ${error.title}`)
  const id: string = data.data.id
  const webhook = await webhookRoundTrip()
  return { status: response.status, id, messageStatus: data.data.status, ...webhook }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(quo: QuoClient) {
  // @ts-expect-error Quo's spec requires `content`
  return quo.POST('/v1/messages', { body: { from: '+15555550100', to: ['+15555550123'] } })
}

/** A webhook signed as Quo's dated API signs one (Web Crypto: this runs where fetch does), verified and then replayed late. */
async function webhookRoundTrip() {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const body = JSON.stringify({ id: 'EV1', type: 'message.received', data: {} })
  const timestamp = String(Math.floor(Date.now() / 1000))
  const raw = Uint8Array.from(atob(secret.slice('whsec_'.length)), (char) => char.charCodeAt(0))
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const digest = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`EV1.${timestamp}.${body}`)),
  )
  const headers = {
    'webhook-id': 'EV1',
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${btoa(String.fromCharCode(...digest))}`,
  }
  const event = await verifyQuoWebhook({ body, headers, secret })
  const refused = await verifyQuoWebhook({ body, headers, secret, now: Date.now() + 3_600_000 }).catch(
    (error: unknown) => (isWebhookVerificationError(error) ? error.reason : 'other error'),
  )
  return { webhook: event.type, refused }
}
