// The stateful side of a mock: after Prism has validated a request, a valid send is stored and
// answered from what was sent, `get` and `list` answer from the store, and status changes and
// replies go out as signed webhooks.
import type { Node } from '../pointers.js'
import { type Delivery, sendWebhook } from '../webhooks/send.js'
import { checkSecret, newSecret, type SignatureScheme, signatureHeaders } from '../webhooks/sign.js'
import { lifetime } from './lifetime.js'
import { deepMerge } from './merge.js'
import { pageOf } from './paging.js'
import type { Outcome, ProviderProfile, StoredMessage } from './types.js'

export interface WebhookOptions {
  /**
   * Where webhooks go: status changes of every send (Quo, TextUs) and `deliver()`'s events.
   * SignalWire sends status to each send's own `status_callback` instead. @default none
   */
  url?: string
  /** The signing secret. @default a new one in the provider's format, as `mock.webhookSecret` */
  secret?: string
  /** Quo only: `'openphone'` (legacy header) or `'standard-webhooks'` (the dated API). @default the provider's first */
  signature?: SignatureScheme
  /**
   * Quo only: the webhook API version whose envelope the deliveries use: `'v1'`
   * (`data.object`, signed with openphone-signature) or `'2026-03-30'` (`data.resource`,
   * `data.context`, `data.links`; Standard Webhooks only). @default 'v1'
   */
  apiVersion?: string
  /** The wait between a send and each status change after it. @default 50 */
  delayMs?: number
  /** How sends end: one outcome for all, or one per message. @default 'delivered' */
  outcome?: Outcome | ((message: StoredMessage) => Outcome)
  /** Retries of a delivery that got no answer, a 408, a 429 or a 5xx. @default 3 */
  retries?: number
  /** The wait before the first retry, doubled for each next one. @default 100 */
  retryDelayMs?: number
  /** How long one attempt may wait for an answer. @default 5000 */
  timeoutMs?: number
  /** Called with each delivery once it has ended (after its retries). @default none */
  onDelivery?: (delivery: Delivery) => void
}

/** An event for `deliver()`: its type, and any fields to set (the rest come from the spec's examples). */
export interface WebhookEvent {
  /** A documented event type, e.g. `message.received`, `message.delivered` (per provider: see the README). */
  type: string
  /** The stored message a status event is about. @default the latest message sent */
  messageId?: string
  /** SignalWire status events: the status to report. @default the type's, or 'delivered' */
  status?: string
  /** Inbound messages: the sender. @default the latest message's recipient */
  from?: string
  /** Inbound messages: the number written to. @default the latest message's sender */
  to?: string
  /** Inbound messages: the text. @default the spec's example */
  text?: string
  /** Fields merged over the built payload, last. */
  payload?: Record<string, unknown>
}

export interface StatefulApi {
  /** Every message sent through the mock or delivered to the receiver, oldest first. */
  readonly messages: readonly StoredMessage[]
  /** Every webhook delivery made so far (status changes and `deliver()`), in the order they ended. */
  readonly deliveries: readonly Delivery[]
  /** The secret the webhooks are signed with (the one given, or one generated). */
  readonly webhookSecret: string
  /** The event types `deliver` takes: the spec's documented names first, then their aliases. */
  readonly eventTypes: readonly string[]
  /**
   * Sends one signed webhook and resolves with what the receiver answered (after retries);
   * an inbound message is stored, so `list` shows it. Rejects only on a bad event or a missing URL.
   */
  deliver(event: WebhookEvent, options?: { url?: string }): Promise<Delivery>
  /** Resolves once every scheduled status change and delivery is done. */
  idle(): Promise<void>
}

/** A request Prism found valid, with Prism's own answer to it. */
export interface ValidRequest {
  operationId: string
  path: Record<string, string>
  query: URLSearchParams
  body: unknown
  /** Prism's answer body (built from the spec's examples). */
  example: unknown
  /** Prism's answer to the same request with another documented status (for errors). */
  rerun(status: number): Promise<{ status: number; body: unknown }>
}

export interface StatefulEngine extends StatefulApi {
  /** The answer to a valid request, or undefined to keep Prism's. */
  answer(request: ValidRequest): Promise<{ status: number; body: unknown } | undefined>
  close(): Promise<void>
}

export function statefulEngine(profile: ProviderProfile, options: WebhookOptions | undefined): StatefulEngine {
  const settings = checkOptions(profile, options ?? {})
  const messages: StoredMessage[] = []
  const byId = new Map<string, StoredMessage>()
  const deliveries: Delivery[] = []
  const life = lifetime()

  const store = (message: StoredMessage) => {
    messages.push(message)
    byId.set(message.id, message)
  }

  async function post(type: string, url: string, payload: Record<string, unknown>, id: string): Promise<Delivery> {
    const form = profile.encoding?.(type) === 'form' ? formFields(payload) : undefined
    const body = form ? new URLSearchParams(form as [string, string][]).toString() : JSON.stringify(payload)
    const delivery = await sendWebhook({
      type,
      url,
      id,
      body,
      ...(form ? { contentType: 'application/x-www-form-urlencoded' } : {}),
      sign: (now) =>
        signatureHeaders({ scheme: settings.scheme, secret: settings.secret, url, body, deliveryId: id, now, form }),
      retries: settings.retries,
      backoffMs: settings.retryDelayMs,
      timeoutMs: settings.timeoutMs,
      signal: life.signal,
      wait: life.wait,
    })
    deliveries.push(delivery)
    try {
      settings.onDelivery?.(delivery)
    } catch {
      // a listener's error is the listener's; the delivery is reported all the same
    }
    return delivery
  }

  /** queued → sent → the outcome, one step per delayMs, each webhook sent before the next step. */
  async function progress(message: StoredMessage, url: string): Promise<void> {
    const outcome = typeof settings.outcome === 'function' ? settings.outcome(message) : settings.outcome
    for (const status of profile.statuses(outcome)) {
      await life.wait(settings.delayMs)
      if (life.signal.aborted) return
      profile.setStatus(message, status)
      const type = profile.statusEvent(status, outcome)
      if (!type) continue
      const id = profile.deliveryId()
      await post(type, url, profile.payload(type, message, id), id)
    }
  }

  function statusTarget(message: StoredMessage): string | undefined {
    return profile.callbackPerMessage ? message.statusCallback : settings.url
  }

  async function answer(request: ValidRequest) {
    const { operations } = profile
    if (request.operationId === operations.send) {
      if (!isObject(request.body)) return undefined
      const result = profile.send(request.body, request.example, request.path)
      for (const message of result.messages) {
        store(message)
        const url = statusTarget(message)
        if (url) life.track(progress(message, url).catch(() => undefined))
      }
      return { status: result.status, body: result.body }
    }
    if (request.operationId === operations.get && profile.getId && profile.getBody) {
      const message = byId.get(profile.getId(request.path))
      if (!message) return notFound(request, `No message ${profile.getId(request.path)} was sent or received here.`)
      return { status: 200, body: profile.getBody(message, request.example) }
    }
    if (request.operationId === operations.list && profile.listFilter && profile.listBody) {
      const matching = profile.listFilter(request.query, messages)
      try {
        const page = pageOf(matching, profile.pageSize?.(request.query) ?? 10, profile.pageToken?.(request.query))
        return { status: 200, body: profile.listBody(request.example, page.items, page.total, page.next) }
      } catch (error) {
        return errorAnswer(request, 400, (error as Error).message)
      }
    }
    return undefined
  }

  async function deliver(event: WebhookEvent, deliverOptions?: { url?: string }): Promise<Delivery> {
    if (!isObject(event) || typeof event.type !== 'string') {
      throw new TypeError(`deliver needs an event with a type, one of: ${profile.eventTypes.join(', ')}`)
    }
    const type = profile.canonicalType(event.type)
    if (!type)
      throw new TypeError(`unknown ${profile.provider} event "${event.type}"; known: ${profile.eventTypes.join(', ')}`)
    const latest = [...messages].reverse().find((message) => message.direction === 'outbound')
    let message: StoredMessage | undefined
    if (type === profile.inboundType) {
      message = profile.inbound({ from: event.from, to: event.to, text: event.text }, latest)
      store(message)
    } else {
      message = event.messageId === undefined ? latest : byId.get(event.messageId)
      if (event.messageId !== undefined && !message) throw new TypeError(`no stored message "${event.messageId}"`)
      if (message) profile.setStatus(message, profile.eventStatus(event.type, event.status))
    }
    const perMessage = type !== profile.inboundType && profile.callbackPerMessage ? message?.statusCallback : undefined
    const url = deliverOptions?.url ?? perMessage ?? settings.url
    if (!url) throw new TypeError('deliver needs a URL: pass { url } or start the mock with webhooks: { url }')
    const id = profile.deliveryId()
    const built = profile.payload(type, message, id)
    const payload = event.payload ? (deepMerge(built, event.payload) as Record<string, unknown>) : built
    return life.track(post(type, url, payload, id))
  }

  return {
    messages,
    deliveries,
    webhookSecret: settings.secret,
    eventTypes: profile.eventTypes,
    answer,
    deliver,
    idle: life.idle,
    close: life.close,
  }
}

async function notFound(request: ValidRequest, detail: string) {
  return errorAnswer(request, 404, detail)
}

/** The spec's own answer for `status`, its `message` saying what happened when it has one. */
async function errorAnswer(request: ValidRequest, status: number, detail: string) {
  const answer = await request.rerun(status)
  const body =
    isObject(answer.body) && typeof answer.body.message === 'string' ? { ...answer.body, message: detail } : answer.body
  return { status: answer.status, body }
}

interface Settings {
  url: string | undefined
  secret: string
  scheme: SignatureScheme
  delayMs: number
  outcome: NonNullable<WebhookOptions['outcome']>
  retries: number
  retryDelayMs: number
  timeoutMs: number
  onDelivery: WebhookOptions['onDelivery']
}

const OUTCOMES: readonly Outcome[] = ['delivered', 'undelivered', 'failed']

function checkOptions(profile: ProviderProfile, options: WebhookOptions): Settings {
  if (!isObject(options as unknown)) throw new TypeError('webhooks must be an object such as { url }')
  if (options.apiVersion !== undefined && !(profile.apiVersions ?? []).includes(options.apiVersion)) {
    throw new TypeError(
      profile.apiVersions
        ? `webhooks.apiVersion for ${profile.provider} must be one of: ${profile.apiVersions.join(', ')}`
        : `webhooks.apiVersion: ${profile.provider}'s webhooks have no API versions`,
    )
  }
  const scheme = options.signature ?? (profile.schemes[0] as SignatureScheme)
  if (!profile.schemes.includes(scheme)) {
    throw new TypeError(
      `webhooks.signature for ${profile.provider}${options.apiVersion ? ` (API ${options.apiVersion})` : ''} must be one of: ${profile.schemes.join(', ')}`,
    )
  }
  if (options.url !== undefined) {
    let parsed: URL | undefined
    try {
      parsed = new URL(options.url)
    } catch {
      parsed = undefined
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol))
      throw new TypeError('webhooks.url must be an absolute http(s) URL')
  }
  const count = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new TypeError(`webhooks.${name} must be a whole number, 0 or more`)
    }
    return value
  }
  const outcome = options.outcome ?? 'delivered'
  if (typeof outcome !== 'function' && !OUTCOMES.includes(outcome)) {
    throw new TypeError(`webhooks.outcome must be one of ${OUTCOMES.join(', ')}, or a function of the message`)
  }
  return {
    url: options.url,
    secret: options.secret === undefined ? newSecret(scheme) : checkSecret(scheme, options.secret),
    scheme,
    delayMs: count('delayMs', options.delayMs, 50),
    outcome,
    retries: count('retries', options.retries, 3),
    retryDelayMs: count('retryDelayMs', options.retryDelayMs, 100),
    timeoutMs: count('timeoutMs', options.timeoutMs, 5000),
    onDelivery: options.onDelivery,
  }
}

/** A payload as a form's fields: each value as text, a list as the same name repeated, null left out. */
function formFields(payload: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = []
  for (const [name, value] of Object.entries(payload)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === null || one === undefined) continue
      fields.push([name, typeof one === 'object' ? JSON.stringify(one) : String(one)])
    }
  }
  return fields
}

function isObject(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
