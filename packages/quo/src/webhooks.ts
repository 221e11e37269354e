// Quo's two webhook signatures, picked by the headers a delivery carries:
// - legacy: `openphone-signature: hmac;1;<timestamp>;<base64 HMAC-SHA256 of "<timestamp>.<body>">`,
//   keyed with the base64-decoded signing secret (Quo's "Webhooks" docs);
// - the dated API (2026-03-30): Standard Webhooks (https://www.standardwebhooks.com):
//   `webhook-id`, `webhook-timestamp` (seconds), `webhook-signature` (`v1,<base64>` entries),
//   HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the `whsec_…` secret's base64.
// Hand-written on Web Crypto rather than the `standardwebhooks` library, which hashes in
// JavaScript, fixes its tolerance at 300 s and reads the clock itself; its test suite's
// vectors and an agreement test with the library hold this to the same answers.
import {
  concatBytes,
  fromBase64,
  headerValue,
  hmacSigner,
  parseJsonObject,
  rawBodyBytes,
  requireHeaders,
  requireOptions,
  requireText,
  timingSafeEqual,
  toBase64,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
} from '@textbridge/provider-kit'
import type { webhooks } from './generated/schema.js'

export {
  isWebhookVerificationError,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '@textbridge/provider-kit'

/** The message events the spec documents (its `webhooks`, from Quo's webhook docs), each with its payload. */
export type QuoKnownWebhookPayload = {
  [Name in keyof webhooks]: webhooks[Name]['post']['requestBody']['content']['application/json']
}[keyof webhooks]

/** An event the spec does not document (calls, contacts, a new one): verified, returned as sent. */
export interface QuoOtherWebhookPayload {
  type: string
  [key: string]: unknown
}

/**
 * A verified Quo webhook, as Quo sent it: `{ id, type, data, … }` (`type` such as
 * `message.received` or `message.delivered`; `data.object` in v1, `data.resource` in the dated
 * API). Narrow to the spec's envelopes with {@link isDocumentedQuoWebhook}, then on `type`
 * and on the envelope (`'resource' in payload.data` for the dated API's).
 */
export type QuoWebhookPayload = QuoKnownWebhookPayload | QuoOtherWebhookPayload

/** The event types the spec documents a payload for. */
export const QUO_WEBHOOK_TYPES = [
  'message.received',
  'message.delivered',
  'message.failed',
  'message.undelivered',
] as const satisfies readonly (keyof webhooks)[]

/**
 * True when the payload's `type` is one the spec documents and it comes in one of the two
 * envelopes the spec documents: v1's `{ id, type, data: { object } }`, or the dated API's
 * (2026-03-30) `{ id, apiVersion: '2026-03-30', type, createdAt, data: { resource, context, links } }`.
 * Its type is then the spec's; narrow on `'object' in payload.data` (v1) or
 * `'resource' in payload.data` (dated).
 */
export function isDocumentedQuoWebhook(payload: QuoWebhookPayload): payload is QuoKnownWebhookPayload {
  const { id, data, apiVersion, createdAt } = payload as {
    id?: unknown
    data?: unknown
    apiVersion?: unknown
    createdAt?: unknown
  }
  if (!(QUO_WEBHOOK_TYPES as readonly unknown[]).includes(payload.type) || typeof id !== 'string') return false
  if (data === null || typeof data !== 'object') return false
  const { object, resource } = data as { object?: unknown; resource?: unknown }
  if (hasId(object)) return true
  return apiVersion === DATED_API && typeof createdAt === 'string' && hasId(resource)
}

/** The dated API version whose envelope the spec documents beside v1's. */
const DATED_API = '2026-03-30'

function hasId(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
}

export interface VerifyQuoWebhookOptions {
  /** The raw request body, exactly as received (not a parsed object). */
  body: WebhookBody
  /** The request's headers (a `Headers`, or a plain record in any case). */
  headers: WebhookHeaders
  /** The webhook's signing secret as Quo shows it (base64, or `whsec_…` for the dated API). */
  secret: string
  /** How far the signed timestamp may be from `now`, either way, in seconds. @default 300 */
  toleranceSeconds?: number
  /** The current time in epoch milliseconds (for tests). @default Date.now() */
  now?: number
}

const FN = 'verifyQuoWebhook'
const OPTIONS = ['body', 'headers', 'secret', 'toleranceSeconds', 'now'] as const
const LEGACY = 'openphone-signature'

/**
 * Checks a Quo webhook's signature (the legacy `openphone-signature` or the dated API's
 * Standard Webhooks headers, whichever it carries) and its timestamp, and resolves with
 * the parsed payload. Rejects with a {@link WebhookVerificationError} (`reason` says why)
 * and with a `TypeError` when an option is wrong (a parsed body, a secret that is not base64).
 *
 * @example
 * const event = await verifyQuoWebhook({ body: await request.text(), headers: request.headers, secret })
 * if (event.type === 'message.received') console.log(event.data)
 */
export async function verifyQuoWebhook(options: VerifyQuoWebhookOptions): Promise<QuoWebhookPayload> {
  const checked = requireOptions(FN, options, OPTIONS)
  const secret = requireText(FN, 'secret', checked.secret).trim()
  const key = fromBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret)
  if (!key || key.length === 0) {
    throw new TypeError(
      `${FN}: option "secret" must be the webhook's signing secret as Quo shows it (base64, or "whsec_" then base64).`,
    )
  }
  const tolerance = checked.toleranceSeconds === undefined ? 300 : checked.toleranceSeconds
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) {
    throw new TypeError(`${FN}: option "toleranceSeconds" must be a number of seconds, 0 or more.`)
  }
  const now = checked.now === undefined ? Date.now() : checked.now
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new TypeError(`${FN}: option "now" must be a time in epoch milliseconds, such as Date.now().`)
  }
  const headers = requireHeaders(FN, checked.headers)
  const body = rawBodyBytes(FN, checked.body)
  const sign = await hmacSigner('SHA-256', key)

  const standard = headerValue(headers, 'webhook-signature')
  const legacy = headerValue(headers, LEGACY)
  if (standard !== undefined) {
    await verifyStandard(headers, standard, body, sign, now, tolerance)
  } else if (legacy !== undefined) {
    await verifyLegacy(legacy, body, sign, now, tolerance)
  } else {
    throw new WebhookVerificationError(
      'missing-signature',
      'The request has neither an openphone-signature nor a webhook-signature header: it was not sent by Quo, or a proxy dropped the headers.',
    )
  }
  return parseJsonObject('Quo', body) as QuoWebhookPayload
}

type Sign = (data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>

async function verifyStandard(
  headers: WebhookHeaders,
  signatures: string,
  body: Uint8Array,
  sign: Sign,
  now: number,
  tolerance: number,
): Promise<void> {
  const id = headerValue(headers, 'webhook-id')
  const timestamp = headerValue(headers, 'webhook-timestamp')?.trim()
  if (!id || !timestamp) {
    throw new WebhookVerificationError(
      'malformed',
      'The request has a webhook-signature header but no webhook-id or webhook-timestamp (Standard Webhooks needs all three).',
    )
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError('malformed', 'The webhook-timestamp header is not a time in epoch seconds.')
  }
  checkFresh(Number(timestamp), Math.floor(now / 1000), tolerance, 'webhook-timestamp')
  const given = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .filter((parts) => parts.length === 2 && parts[0] === 'v1')
    .map((parts) => parts[1] as string)
  if (given.length === 0) {
    throw new WebhookVerificationError('malformed', 'The webhook-signature header has no "v1,<base64>" signature.')
  }
  const expected = toBase64(await sign(concatBytes(`${id}.${timestamp}.`, body)))
  if (!given.some((signature) => timingSafeEqual(signature, expected))) throw badSignature('webhook-signature')
}

async function verifyLegacy(
  header: string,
  body: Uint8Array,
  sign: Sign,
  now: number,
  tolerance: number,
): Promise<void> {
  // One `hmac;1;<timestamp>;<digest>` entry; several, comma-separated, are each tried.
  const entries = header.split(',').map((entry) => entry.trim().split(';'))
  const parsed = entries.filter(
    (parts): parts is [string, string, string, string] =>
      parts.length === 4 && parts[0] === 'hmac' && parts[1] === '1' && /^\d{1,16}$/.test(parts[2] as string),
  )
  if (parsed.length === 0) {
    throw new WebhookVerificationError(
      'malformed',
      'The openphone-signature header is not "hmac;1;<timestamp>;<base64 digest>".',
    )
  }
  for (const [, , timestamp, digest] of parsed) {
    // Quo's docs show 13 digits (milliseconds); a 10-digit value is read as seconds.
    const value = Number(timestamp)
    checkFresh(value < 1e11 ? value : Math.floor(value / 1000), Math.floor(now / 1000), tolerance, LEGACY)
    const expected = toBase64(await sign(concatBytes(`${timestamp}.`, body)))
    if (timingSafeEqual(digest, expected)) return
  }
  throw badSignature(LEGACY)
}

function checkFresh(signedSeconds: number, nowSeconds: number, tolerance: number, header: string): void {
  if (Math.abs(nowSeconds - signedSeconds) > tolerance) {
    throw new WebhookVerificationError(
      'stale-timestamp',
      `The ${header} timestamp is more than ${tolerance} s from now: a replayed delivery, or this server's clock is off.`,
    )
  }
}

function badSignature(header: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'bad-signature',
    `The ${header} signature does not match the body: the secret is not this webhook's signing secret, or the body was changed (verify the raw body, before any parser).`,
  )
}
