// SignalWire's webhook signatures (X-SignalWire-Signature, or X-Twilio-Signature from the
// Compatibility API), HMAC-SHA1 keyed with the project's Signing Key as UTF-8, as SignalWire's
// own validators check them (signalwire-python's core/security/webhook_validator.py,
// @signalwire/compatibility-api's webhooks.js):
// - JSON (REST, RELAY): hex of URL + raw body;
// - form (Compatibility/cXML): base64 of URL + every parameter sorted by name, name then
//   value (a repeated name keeps the order sent); the compatibility SDK also signs a JSON
//   body's top-level fields that way;
// - `bodySHA256` in the query (JSON on the compatibility surface): the form scheme over the
//   URL alone, and the body's SHA-256 must equal the parameter. A URL-only signature without
//   that parameter is refused: it would let anyone replay the URL with a forged body.
// Each is tried with the URL as given, with the scheme's default port added or removed, and
// with the query re-encoded as Node's querystring does (both SDKs' backends are inconsistent).
// No timestamp is signed, so there is no replay window to check.
import {
  bodyText,
  concatBytes,
  headerValue,
  hmacSigner,
  rawBodyBytes,
  requireHeaders,
  requireOptions,
  requireText,
  sha256Hex,
  timingSafeEqual,
  toBase64,
  toHex,
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

/** A payload's fields as a form carries them: every value text (`NumMedia: "0"`), enums kept. */
export type SignalWireFormFields<T> = { [Field in keyof T]: T[Field] extends string ? T[Field] : string }

/**
 * Each webhook the spec documents, by name, with its payload: the REST document's JSON
 * `messageStatusCallback` and `inboundMessageWebhook`, and the Compatibility document's
 * form `smsStatusCallback` (its fields as text).
 */
export type SignalWireWebhookPayloads = {
  [Name in keyof webhooks]: webhooks[Name]['post']['requestBody']['content'] extends {
    'application/json': infer Json
  }
    ? Json
    : webhooks[Name]['post']['requestBody']['content'] extends { 'application/x-www-form-urlencoded': infer Form }
      ? SignalWireFormFields<Form>
      : never
}

/** The name of a webhook the spec documents. */
export type SignalWireWebhookName = keyof webhooks

/** A payload of a webhook the spec documents. */
export type SignalWireKnownWebhookPayload = SignalWireWebhookPayloads[SignalWireWebhookName]

/**
 * A payload the spec does not document (a call's callback, a new field set): verified and
 * returned as sent. A form's name sent more than once has the array of its values.
 */
export interface SignalWireOtherWebhookPayload {
  [field: string]: unknown
}

/**
 * A verified SignalWire webhook: a JSON body as sent, or a Compatibility (cXML) form body's
 * fields. SignalWire names no event in the payload, so narrow with {@link isSignalWireWebhook}
 * (one documented webhook) or {@link isDocumentedSignalWireWebhook} (any of them).
 */
export type SignalWireWebhookPayload = SignalWireKnownWebhookPayload | SignalWireOtherWebhookPayload

type Fields = Record<string, unknown>
const isText = (value: unknown): value is string => typeof value === 'string'
const isObject = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
const hasText = (payload: Fields, names: readonly string[]) => names.every((name) => isText(payload[name]))

/**
 * How each documented webhook is told apart, by the fields the spec requires of it (the
 * payloads carry no event name). Keyed by the spec's webhooks: a new one fails to compile here.
 */
const RECOGNIZERS: { readonly [Name in SignalWireWebhookName]: (payload: Fields) => boolean } = {
  messageStatusCallback: (payload) =>
    hasText(payload, ['id', 'project_id', 'status', 'to', 'from', 'timestamp']) && !('message' in payload),
  inboundMessageWebhook: (payload) =>
    isObject(payload.params) &&
    isObject(payload.message) &&
    hasText(payload.message, ['message_id', 'direction', 'from', 'to', 'timestamp']) &&
    Array.isArray(payload.message.media),
  smsStatusCallback: (payload) =>
    hasText(payload, ['MessageStatus', 'MessageSid', 'AccountSid', 'From', 'To', 'Body', 'NumMedia', 'NumSegments']),
}

/** The webhooks the spec documents, by name. */
export const SIGNALWIRE_WEBHOOK_NAMES = /* @__PURE__ */ Object.keys(RECOGNIZERS) as readonly SignalWireWebhookName[]

/**
 * The documented webhook a payload is, by the fields the spec requires of it, or undefined
 * for one the spec does not know.
 */
export function signalWireWebhookName(payload: SignalWireWebhookPayload): SignalWireWebhookName | undefined {
  if (!isObject(payload)) return undefined
  return SIGNALWIRE_WEBHOOK_NAMES.find((name) => RECOGNIZERS[name](payload))
}

/** True when the payload is the documented webhook `name`: its type is then the spec's. */
export function isSignalWireWebhook<Name extends SignalWireWebhookName>(
  payload: SignalWireWebhookPayload,
  name: Name,
): payload is SignalWireWebhookPayloads[Name] {
  return isObject(payload) && RECOGNIZERS[name](payload)
}

/** True when the payload is one of the webhooks the spec documents: its type is then the spec's. */
export function isDocumentedSignalWireWebhook(
  payload: SignalWireWebhookPayload,
): payload is SignalWireKnownWebhookPayload {
  return signalWireWebhookName(payload) !== undefined
}

export interface VerifySignalWireWebhookOptions {
  /**
   * The full URL SignalWire called, query included, exactly as configured there. Behind a
   * proxy that terminates TLS this is the public URL, not the one your server sees.
   */
  url: string | URL
  /** The raw request body, exactly as received (not a parsed object). */
  body: WebhookBody
  /** The request's headers (a `Headers`, or a plain record in any case). */
  headers: WebhookHeaders
  /** The project's Signing Key (SignalWire dashboard → API). */
  signingKey: string
}

const FN = 'verifySignalWireWebhook'
const OPTIONS = ['url', 'body', 'headers', 'signingKey'] as const

/**
 * Checks a SignalWire webhook's `X-SignalWire-Signature` (or `X-Twilio-Signature`) against
 * the URL it was sent to and its raw body, and resolves with the parsed payload. Rejects
 * with a {@link WebhookVerificationError} (`reason` says why; when the URL's scheme, host or
 * port looks like the cause, the message says so) and with a `TypeError` when an option is
 * wrong (a parsed body, a relative URL).
 *
 * @example
 * const event = await verifySignalWireWebhook({
 *   url: 'https://example.com/sms/status', body: await request.text(), headers: request.headers, signingKey,
 * })
 */
export async function verifySignalWireWebhook(
  options: VerifySignalWireWebhookOptions,
): Promise<SignalWireWebhookPayload> {
  const checked = requireOptions(FN, options, OPTIONS)
  const signingKey = requireText(FN, 'signingKey', checked.signingKey)
  const url = requireUrl(checked.url)
  const headers = requireHeaders(FN, checked.headers)
  const body = rawBodyBytes(FN, checked.body)
  const signature = (
    headerValue(headers, 'x-signalwire-signature') ?? headerValue(headers, 'x-twilio-signature')
  )?.trim()
  if (!signature) {
    throw new WebhookVerificationError(
      'missing-signature',
      'The request has no X-SignalWire-Signature (or X-Twilio-Signature) header: it was not sent by SignalWire, or a proxy dropped the header.',
    )
  }
  const json = isJson(headerValue(headers, 'content-type'), body)
  const text = bodyText(body)
  const parsed = json ? parseJson(text) : undefined
  const sign = await hmacSigner('SHA-1', new TextEncoder().encode(signingKey))
  const check = (candidate: string) => matches(candidate, signature, body, json, parsed, sign)

  if (!(await anyUrl(url, check))) throw await mismatch(url, headers, check)
  if (!json) return formPayload(text)
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WebhookVerificationError(
      'malformed',
      'The SignalWire webhook is signed but its JSON body is not an object.',
    )
  }
  return parsed as SignalWireWebhookPayload
}

type Sign = (data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>

/** Whether `signature` is one of SignalWire's schemes over `url` and the body. */
async function matches(
  url: string,
  signature: string,
  body: Uint8Array,
  json: boolean,
  parsed: unknown,
  sign: Sign,
): Promise<boolean> {
  if (/^[0-9a-f]{40}$/i.test(signature)) {
    return timingSafeEqual(toHex(await sign(concatBytes(url, body))), signature.toLowerCase())
  }
  const bodyHash = new URL(url).searchParams.get('bodySHA256')
  if (bodyHash !== null) {
    // The URL alone is signed: it counts only with the body's hash in it.
    const urlSigned = timingSafeEqual(toBase64(await sign(concatBytes(url))), signature)
    return urlSigned && timingSafeEqual(await sha256Hex(new Uint8Array(body)), bodyHash.toLowerCase())
  }
  const params = json ? jsonParams(parsed) : [...new URLSearchParams(bodyText(body))]
  if (!params) return false
  const sorted = params
    .map((pair, index) => ({ pair, index }))
    .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.index - b.index))
  const data = url + sorted.map(({ pair }) => pair[0] + pair[1]).join('')
  return timingSafeEqual(toBase64(await sign(concatBytes(data))), signature)
}

/** A JSON body's top-level fields as parameters, when each is a string or number. */
function jsonParams(parsed: unknown): [string, string][] | undefined {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  const params: [string, string][] = []
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined
    params.push([name, String(value)])
  }
  return params
}

/** Tries each form of `url` SignalWire may have signed. */
async function anyUrl(url: string, check: (candidate: string) => Promise<boolean>): Promise<boolean> {
  for (const candidate of urlVariants(url)) if (await check(candidate)) return true
  return false
}

/** The URL as given and normalized, each with its default port toggled and its query re-encoded. */
function urlVariants(url: string): string[] {
  const variants = new Set<string>()
  for (const base of [url, new URL(url).href]) {
    for (const ported of [base, togglePort(base)]) {
      variants.add(ported)
      variants.add(legacyQuery(ported))
    }
  }
  return [...variants]
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

/** Adds the scheme's default port when there is none; removes it when it is there. */
function togglePort(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)(.*)$/is.exec(url)
  if (!match) return url
  const [, scheme = '', authority = '', rest = ''] = match
  const port = DEFAULT_PORTS[scheme.toLowerCase()]
  if (!port) return url
  const at = authority.lastIndexOf('@')
  const userinfo = authority.slice(0, at + 1)
  const hostPort = authority.slice(at + 1)
  const colon = hostPort.lastIndexOf(':')
  const hasPort = colon > hostPort.lastIndexOf(']')
  const host = hasPort ? hostPort.slice(0, colon) : hostPort
  const given = hasPort ? hostPort.slice(colon + 1) : undefined
  if (given === undefined || given === '') return `${scheme}//${userinfo}${host}:${port}${rest}`
  if (given === port) return `${scheme}//${userinfo}${host}${rest}`
  return url
}

/** The query decoded and re-encoded as Node's `querystring.stringify(querystring.parse(…))` does. */
function legacyQuery(url: string): string {
  const start = url.indexOf('?')
  if (start === -1) return url
  const hash = url.indexOf('#', start)
  const query = url.slice(start + 1, hash === -1 ? undefined : hash)
  const grouped = new Map<string, string[]>()
  for (const [name, value] of new URLSearchParams(query)) grouped.set(name, [...(grouped.get(name) ?? []), value])
  const encoded = [...grouped]
    .flatMap(([name, values]) => values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join('&')
  return `${url.slice(0, start)}?${encoded}${hash === -1 ? '' : url.slice(hash)}`
}

/**
 * The error for a signature that matches no form of the URL. When the URL the request
 * reached differs from the public one by scheme, host or port (a proxy, a tunnel), it says so.
 */
async function mismatch(
  url: string,
  headers: WebhookHeaders,
  check: (candidate: string) => Promise<boolean>,
): Promise<WebhookVerificationError> {
  const parsed = new URL(url)
  for (const alternative of alternatives(parsed, headers)) {
    if (await anyUrl(alternative, check)) {
      return new WebhookVerificationError(
        'bad-signature',
        `The signature was made for ${shown(alternative)}, not ${shown(url)}: a proxy or tunnel changed the scheme, host or port on the way. ` +
          'Verify with the public URL SignalWire was told to call (the facade\'s "publicUrl" option).',
      )
    }
  }
  const hint = /^(localhost|127\.|10\.|192\.168\.|\[::1\]$)/.test(parsed.hostname)
    ? ` SignalWire cannot reach ${parsed.host} itself: verify with the public URL it was told to call (the facade's "publicUrl" option), not the one behind the proxy or tunnel.`
    : parsed.protocol === 'http:'
      ? ' The URL checked is http: if SignalWire was told to call an https URL, a TLS-terminating proxy changed it; verify with that public URL (the facade\'s "publicUrl" option).'
      : ''
  return new WebhookVerificationError(
    'bad-signature',
    `The SignalWire signature does not match this URL and body: the signing key is not the project's Signing Key, the URL is not exactly the one configured (query included), or the body was changed (verify the raw body, before any parser).${hint}`,
  )
}

/** The URL with the other scheme, and as the forwarding headers describe the original request. */
function alternatives(url: URL, headers: WebhookHeaders): string[] {
  const out = new Set<string>()
  const flipped = new URL(url.href)
  flipped.protocol = url.protocol === 'https:' ? 'http:' : 'https:'
  out.add(flipped.href)
  const forwarded = headerValue(headers, 'forwarded') ?? ''
  const proto =
    headerValue(headers, 'x-forwarded-proto')?.split(',')[0]?.trim() ?? /proto=([^;,\s]+)/i.exec(forwarded)?.[1]
  const host =
    headerValue(headers, 'x-forwarded-host')?.split(',')[0]?.trim() ?? /host="?([^;,\s"]+)/i.exec(forwarded)?.[1]
  if (proto || host) {
    try {
      const original = new URL(url.href)
      if (proto) original.protocol = `${proto}:`
      if (host) {
        original.host = host
        // The host setter keeps the old port when the new host names none.
        if (!/:\d+$/.test(host)) original.port = ''
      }
      out.add(original.href)
    } catch {
      // A forwarding header that is not a scheme or host suggests nothing.
    }
  }
  out.delete(url.href)
  return [...out]
}

/** A URL for a message: without the user name and password it may carry. */
function shown(url: string): string {
  const parsed = new URL(url)
  parsed.username = ''
  parsed.password = ''
  return parsed.href
}

function requireUrl(value: unknown): string {
  const text = value instanceof URL ? value.href : requireText(FN, 'url', value)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new TypeError(
      `${FN}: option "url" must be the full URL SignalWire called, such as "https://example.com/sms".`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${FN}: option "url" must be an http(s) URL (got "${url.protocol}").`)
  }
  return text
}

function isJson(contentType: string | undefined, body: Uint8Array): boolean {
  if (contentType && /json/i.test(contentType)) return true
  if (contentType && /x-www-form-urlencoded/i.test(contentType)) return false
  const first = bodyText(body.subarray(0, 64)).trimStart()[0]
  return first === '{' || first === '['
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function formPayload(text: string): SignalWireWebhookPayload {
  const payload: Record<string, string | string[]> = {}
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = payload[name]
    payload[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return payload
}
