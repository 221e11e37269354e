// The signatures each provider puts on its webhooks, made with node:crypto so the mock stays
// independent of the Web Crypto verifiers it is tested against.
import { createHmac, randomBytes } from 'node:crypto'

/**
 * How a delivery is signed:
 * - `openphone`: Quo's legacy `openphone-signature: hmac;1;<ms>;<base64>`, HMAC-SHA256 of
 *   `<ms>.<body>` keyed with the base64-decoded secret;
 * - `standard-webhooks`: Quo's dated API (webhook-id, webhook-timestamp in seconds,
 *   webhook-signature `v1,<base64>` of `<id>.<timestamp>.<body>`, key: the `whsec_` secret's base64);
 * - `signalwire`: `X-SignalWire-Signature`, keyed with the signing key as UTF-8: hex HMAC-SHA1
 *   of the URL then the raw JSON body, or for a form (the Compatibility API) base64 HMAC-SHA1
 *   of the URL then every field sorted by name, name then value;
 * - `textus`: `X-TextUs-Signature`, hex HMAC-SHA256 of the raw body keyed with the secret as given.
 */
export type SignatureScheme = 'openphone' | 'standard-webhooks' | 'signalwire' | 'textus'

export const SIGNATURE_SCHEMES: readonly SignatureScheme[] = ['openphone', 'standard-webhooks', 'signalwire', 'textus']

export interface SignInput {
  scheme: SignatureScheme
  secret: string
  /** The URL the delivery goes to (SignalWire signs it). */
  url: string
  /** The exact body sent. */
  body: string
  /** The fields of a form body, in the order sent (SignalWire signs a form by its fields). */
  form?: readonly (readonly [string, string])[] | undefined
  /** The delivery's id, the same on every retry (Standard Webhooks signs it). */
  deliveryId: string
  /** Epoch ms of this attempt. */
  now: number
}

/** The headers that sign one attempt of a delivery. */
export function signatureHeaders(input: SignInput): Record<string, string> {
  const { scheme, secret, url, body, deliveryId, now, form } = input
  switch (scheme) {
    case 'openphone': {
      const digest = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${now}.${body}`).digest('base64')
      return { 'openphone-signature': `hmac;1;${now};${digest}` }
    }
    case 'standard-webhooks': {
      const seconds = Math.floor(now / 1000)
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
      const digest = createHmac('sha256', key).update(`${deliveryId}.${seconds}.${body}`).digest('base64')
      return { 'webhook-id': deliveryId, 'webhook-timestamp': String(seconds), 'webhook-signature': `v1,${digest}` }
    }
    case 'signalwire':
      if (form) {
        const fields = [...form].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        const data = url + fields.map(([name, value]) => name + value).join('')
        return { 'x-signalwire-signature': createHmac('sha1', secret).update(data).digest('base64') }
      }
      return {
        'x-signalwire-signature': createHmac('sha1', secret)
          .update(url + body)
          .digest('hex'),
      }
    case 'textus':
      return { 'x-textus-signature': createHmac('sha256', secret).update(body).digest('hex') }
  }
}

/** A new secret in the form the provider hands out for the scheme. */
export function newSecret(scheme: SignatureScheme): string {
  switch (scheme) {
    case 'openphone':
      return randomBytes(32).toString('base64')
    case 'standard-webhooks':
      return `whsec_${randomBytes(24).toString('base64')}`
    case 'signalwire':
      return randomBytes(24).toString('base64url')
    case 'textus':
      return randomBytes(32).toString('hex')
  }
}

/** Checks a given secret fits the scheme, so a typo fails at start rather than at the first delivery. */
export function checkSecret(scheme: SignatureScheme, secret: unknown): string {
  if (typeof secret !== 'string' || secret.trim() === '') {
    throw new TypeError('webhooks.secret must be a non-empty string')
  }
  if (scheme === 'openphone' && !isBase64(secret)) {
    throw new TypeError('webhooks.secret must be base64 for Quo (as Quo shows its signing secret)')
  }
  if (scheme === 'standard-webhooks' && !(secret.startsWith('whsec_') && isBase64(secret.slice(6)))) {
    throw new TypeError('webhooks.secret must be "whsec_" then base64 for Standard Webhooks')
  }
  return secret
}

function isBase64(text: string): boolean {
  return text.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0
}
