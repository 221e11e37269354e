// What every provider's webhook check does the same way: find a header, hold the raw body,
// HMAC with Web Crypto (so it runs wherever fetch does), compare in constant time, and fail
// with one error type. Messages never repeat a secret, a signature or a body.

/** Why a webhook was refused. */
export type WebhookVerificationReason = 'missing-signature' | 'bad-signature' | 'stale-timestamp' | 'malformed'

const REASONS: readonly string[] = ['missing-signature', 'bad-signature', 'stale-timestamp', 'malformed']

/**
 * A webhook that did not pass verification. `reason` is what to branch on: a
 * `'malformed'` body is a 400, every other reason a 401. It never holds the secret, the
 * signature or the body.
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError'
  /** Why the webhook was refused. */
  readonly reason: WebhookVerificationReason

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message)
    this.reason = reason
  }

  /** `{ name, reason, message }`: safe to log. */
  toJSON(): { name: 'WebhookVerificationError'; reason: WebhookVerificationReason; message: string } {
    return { name: this.name, reason: this.reason, message: this.message }
  }
}

/** True for a {@link WebhookVerificationError}, from any copy of any provider package (checks `name` and `reason`). */
export function isWebhookVerificationError(error: unknown): error is WebhookVerificationError {
  return (
    error instanceof Error &&
    error.name === 'WebhookVerificationError' &&
    REASONS.includes((error as { reason?: unknown }).reason as string)
  )
}

/** The request's headers: a Fetch `Headers`, or a plain record in any case (Node's `request.headers`). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>

/** The raw request body, exactly as received. */
export type WebhookBody = string | Uint8Array

/** A header's value (case-insensitive); repeated values joined with ", " as Fetch does. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue
    return typeof value === 'string' ? value : (value as readonly string[]).join(', ')
  }
  return undefined
}

/** Checks the headers option: a `Headers` or a plain object. */
export function requireHeaders(fn: string, value: unknown): WebhookHeaders {
  if (value instanceof Headers) return value
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as WebhookHeaders
  throw new TypeError(`${fn}: option "headers" must be a Headers object or a plain object of header names to values.`)
}

/**
 * The body's bytes. A parsed object is refused: re-serializing it never gives back the bytes
 * the provider signed.
 */
export function rawBodyBytes(fn: string, body: unknown): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return new TextEncoder().encode(body)
  // Any realm's Uint8Array (Node's Buffer included), by its shape rather than instanceof.
  if (ArrayBuffer.isView(body) && (body as Uint8Array).BYTES_PER_ELEMENT === 1 && !(body instanceof DataView)) {
    return new Uint8Array((body as Uint8Array).slice())
  }
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0))
  throw new TypeError(
    `${fn}: option "body" must be the raw request body as a string or Uint8Array (got ${
      body === null ? 'null' : typeof body
    }). A body parser (express.json(), a framework's JSON body) changes the bytes that were signed: ` +
      'keep the raw body with express.raw({ type: "*/*" }), await request.text() in a fetch handler, ' +
      "or your framework's raw-body option.",
  )
}

/** The body as text (invalid UTF-8 replaced, which then fails the signature check). */
export function bodyText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/** Parses a verified body that must be a JSON object, or rejects as `'malformed'`. */
export function parseJsonObject(provider: string, bytes: Uint8Array): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(bodyText(bytes))
  } catch {
    throw new WebhookVerificationError('malformed', `The ${provider} webhook is signed but its body is not JSON.`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WebhookVerificationError(
      'malformed',
      `The ${provider} webhook is signed but its body is not a JSON object.`,
    )
  }
  return value as Record<string, unknown>
}

export type HmacHash = 'SHA-1' | 'SHA-256'

/** An HMAC signer with its key imported once. */
export async function hmacSigner(
  hash: HmacHash,
  key: Uint8Array<ArrayBuffer>,
): Promise<(data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign'])
  return async (data) => new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data))
}

/** SHA-256 of `data`, as lowercase hex. */
export async function sha256Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)))
}

/** Bytes of UTF-8 `text` followed by `tail`. */
export function concatBytes(text: string, tail: Uint8Array = new Uint8Array(0)): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(text)
  const out = new Uint8Array(head.length + tail.length)
  out.set(head)
  out.set(tail, head.length)
  return out
}

export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Standard or URL-safe base64 (padding optional) to bytes; `undefined` when it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined
  let binary: string
  try {
    binary = atob(standard)
  } catch {
    return undefined
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/**
 * Compares two strings in time that depends on their length only, never on where they
 * differ (the length of a signature is public).
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
