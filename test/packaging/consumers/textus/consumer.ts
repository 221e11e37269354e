import { createTextUsClient, type TextUsClient } from '@textbridge/textus'
import { isWebhookVerificationError, verifyTextUsWebhook } from '@textbridge/textus/webhooks'

export async function main(baseUrl: string) {
  const textus: TextUsClient = createTextUsClient({ baseUrl, token: 'consumer-token', account: 'consumer_account' })
  const { data, error, response } = await textus.POST('/{account}/messages', {
    body: { to: '+13035551234', body: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`TextUs answered ${response.status}`)
  const webhook = await webhookRoundTrip()
  return { status: response.status, type: data?.['@type'], id: data?.id, ...webhook }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(textus: TextUsClient) {
  // @ts-expect-error TextUs's spec requires `to`
  return textus.POST('/{account}/messages', { body: { body: 'x' } })
}

/** A webhook signed as TextUs signs one (Web Crypto: this runs where fetch does), verified and then tampered with. */
async function webhookRoundTrip() {
  const secret = 'consumer-webhook-secret'
  const body = JSON.stringify({ '@type': 'WebhookDelivery', action: 'message.received', id: '/d/1' })
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)))
  const signature = [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')
  const event = await verifyTextUsWebhook({ body, headers: { 'X-TextUs-Signature': signature }, secret })
  const refused = await verifyTextUsWebhook({
    body: `${body} `,
    headers: { 'X-TextUs-Signature': signature },
    secret,
  }).catch((error: unknown) => (isWebhookVerificationError(error) ? error.reason : 'other error'))
  return { webhook: event.action, refused }
}
