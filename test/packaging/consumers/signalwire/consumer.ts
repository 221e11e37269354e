import { createSignalWireClient, type SignalWireClient } from '@textbridge/signalwire'
import { isWebhookVerificationError, verifySignalWireWebhook } from '@textbridge/signalwire/webhooks'

export async function main(baseUrl: string) {
  const sw: SignalWireClient = createSignalWireClient({ baseUrl, projectId: 'consumer-project', apiToken: 'token' })
  const { data, error, response } = await sw.POST('/api/messaging/messages', {
    body: { from: '+15555550100', to: '+15555550123', body: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`SignalWire answered ${response.status}`)
  const id: string = data.id
  const webhook = await webhookRoundTrip()
  return { status: response.status, hasId: id.length > 0, ...webhook }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(sw: SignalWireClient) {
  // @ts-expect-error SignalWire sends to one number: `to` is a string, not a list
  return sw.POST('/api/messaging/messages', { body: { from: '+15555550100', to: ['+15555550123'], body: 'x' } })
}

/** A webhook signed as SignalWire signs a JSON one (Web Crypto: this runs where fetch does), verified and then sent to another URL. */
async function webhookRoundTrip() {
  const signingKey = 'PSK_consumer'
  const url = 'https://example.com/sms/status'
  const body = JSON.stringify({ id: 'm1', status: 'delivered' })
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(signingKey),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  )
  const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(url + body)))
  const headers = { 'X-SignalWire-Signature': [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('') }
  const payload = await verifySignalWireWebhook({ url, body, headers, signingKey })
  const refused = await verifySignalWireWebhook({ url: `${url}/other`, body, headers, signingKey }).catch(
    (error: unknown) => (isWebhookVerificationError(error) ? error.reason : 'other error'),
  )
  return { webhook: payload.status, refused }
}
