// A webhook receiver: verify a delivery with the provider's own scheme (on the raw body, and
// the URL the provider called), normalize it into one event shape, and answer the provider
// the way it expects (2xx once handled, 401 for a bad signature, 400 for a malformed body,
// 500 when your code fails, so the provider retries).
import type { QuoWebhookEvent, QuoWebhookOptions } from '../adapters/quo-webhooks.js'
import type { SignalWireWebhookEvent, SignalWireWebhookOptions } from '../adapters/signalwire-webhooks.js'
import type { TextUsWebhookEvent, TextUsWebhookOptions } from '../adapters/textus-webhooks.js'
import { ShapeError } from '../core/read.js'
import { isPlainObject } from '../core/validation.js'
import type { WebhookEvent, WebhookRequest } from '../core/webhook-events.js'
import * as RECEIVERS from './registry.js'

/** The options of a receiver: the provider, and what it signs with. */
export type WebhookReceiverOptions = QuoWebhookOptions | SignalWireWebhookOptions | TextUsWebhookOptions

/** The normalized event of each provider's receiver. */
export interface WebhookEventOf {
  quo: QuoWebhookEvent
  signalwire: SignalWireWebhookEvent
  textus: TextUsWebhookEvent
}

export interface WebhookReceiver<E extends WebhookEvent = WebhookEvent> {
  readonly provider: E['provider']
  /**
   * Verifies a delivery and resolves with its normalized event; rejects with a
   * `WebhookVerificationError` (`reason`: missing-signature, bad-signature, stale-timestamp,
   * malformed) when it is not the provider's, and never reads a body twice.
   */
  verify(request: WebhookRequest): Promise<E>
  /** A fetch-style handler: `(request) => Response`, calling `callback` once per verified delivery. */
  handle(callback: (event: E) => unknown): (request: Request) => Promise<Response>
}

const VERIFY = 'createWebhookReceiver'

/**
 * A receiver of one provider's webhooks.
 *
 * @example
 * const hooks = createWebhookReceiver({ provider: 'quo', secret: process.env.QUO_WEBHOOK_SECRET! })
 * export default hooks.handle(async (event) => {
 *   if (event.type === 'message.received') console.log(event.message.from, event.message.text)
 * })
 */
export function createWebhookReceiver<O extends WebhookReceiverOptions>(
  options: O,
): WebhookReceiver<WebhookEventOf[O['provider']]> {
  if (!isPlainObject(options)) throw new TypeError(`${VERIFY}: expected an options object with a provider.`)
  const { provider } = options as { provider?: unknown }
  const known = Object.keys(RECEIVERS)
  if (typeof provider !== 'string' || !known.includes(provider)) {
    throw new TypeError(
      `${VERIFY}: ${provider === undefined ? 'option "provider" is required' : `unknown provider ${JSON.stringify(provider)}`}; use one of ${known.map((p) => `'${p}'`).join(', ')}.`,
    )
  }
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the receiver serves every provider's webhooks.
  const adapter = RECEIVERS[provider as keyof typeof RECEIVERS] as unknown as WebhookAdapter
  const allowed = ['provider', ...adapter.options]
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key))
  const problems = unknown.map((key) => `unknown option "${key}"; known options are ${allowed.join(', ')}.`)
  for (const key of adapter.options.filter((k) => k !== 'toleranceSeconds' && k !== 'publicUrl')) {
    const value = (options as Record<string, unknown>)[key]
    if (typeof value !== 'string' || value.trim() === '')
      problems.push(`option "${key}" is required: the webhook's signing secret.`)
  }
  const { publicUrl } = options as { publicUrl?: unknown }
  if (publicUrl !== undefined && (typeof publicUrl !== 'string' || !/^https?:\/\/[^/?#]/.test(publicUrl))) {
    problems.push('option "publicUrl" must be the absolute http(s) URL the provider was told to call.')
  }
  if (problems.length > 0) {
    throw new TypeError(
      problems.length === 1
        ? `${VERIFY} (${provider}): ${problems[0]}`
        : `${VERIFY} (${provider}): ${problems.length} problems with the options:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }

  async function verify(request: WebhookRequest): Promise<WebhookEventOf[O['provider']]> {
    const delivery = await readDelivery(request)
    const payload = await adapter.verify(options, delivery)
    try {
      return adapter.normalize(payload, delivery.headers) as WebhookEventOf[O['provider']]
    } catch (error) {
      if (error instanceof ShapeError) {
        throw adapter.malformed(`The payload is signed but not what ${provider} documents (${error.message}).`)
      }
      throw error
    }
  }

  return {
    provider: provider as WebhookEventOf[O['provider']]['provider'],
    verify,
    handle: (callback) => async (request) => {
      let event: WebhookEventOf[O['provider']]
      try {
        event = await verify(request)
      } catch (error) {
        if (!isWebhookVerificationError(error)) return answer(500)
        // No detail for the sender: a forger learns nothing from the answer.
        return answer(error.reason === 'malformed' ? 400 : 401)
      }
      try {
        await callback(event)
      } catch {
        return answer(500)
      }
      return answer(200, request.headers.get('content-type'))
    },
  }
}

interface WebhookAdapter {
  options: readonly string[]
  verify(options: unknown, delivery: Delivery): Promise<Record<string, unknown>>
  normalize(payload: Record<string, unknown>, headers: Headers): WebhookEvent
  malformed(message: string): Error
}

interface Delivery {
  url: string
  headers: Headers
  body: string | Uint8Array
}

async function readDelivery(request: WebhookRequest): Promise<Delivery> {
  if (request instanceof Request) return { url: request.url, headers: request.headers, body: await request.text() }
  if (!isPlainObject(request) || typeof request.url !== 'string') {
    throw new TypeError(`${VERIFY}: verify() takes a Fetch Request, or { url, headers, body } with the raw body.`)
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item))
  }
  return { url: request.url, headers, body: request.body as string | Uint8Array }
}

/** True for a failed verification, from any provider's package (they share the name). */
export function isWebhookVerificationError(
  error: unknown,
): error is Error & { reason: 'missing-signature' | 'bad-signature' | 'stale-timestamp' | 'malformed' } {
  return error instanceof Error && error.name === 'WebhookVerificationError'
}

/** The provider's expected answer: SignalWire's form (cXML) webhooks want an empty cXML document. */
function answer(status: number, contentType?: string | null): Response {
  if (status === 200 && contentType?.startsWith('application/x-www-form-urlencoded')) {
    return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
      status,
      headers: { 'content-type': 'text/xml' },
    })
  }
  return new Response(null, { status })
}
