import { createSignalWireClient, type SignalWireClient } from '@textbridge/signalwire'
import {
  isSignalWireWebhook,
  isWebhookVerificationError,
  verifySignalWireWebhook,
} from '@textbridge/signalwire/webhooks'

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
  const body = JSON.stringify({
    id: 'b3877c40-da60-4998-90ad-b792e98472af',
    project_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    status: 'delivered',
    to: '+15551234567',
    from: '+15557654321',
    timestamp: '2026-12-01T10:00:00Z',
  })
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
  // SignalWire's payloads name no event: the guard narrows to the spec's status callback.
  const webhook = isSignalWireWebhook(payload, 'messageStatusCallback') ? payload.status : 'not a status callback'
  return { webhook, refused }
}
