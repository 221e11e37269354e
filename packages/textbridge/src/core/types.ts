// The facade's own vocabulary, the same for every provider. Nothing here names a provider:
// each adapter fills in its provider's name and raw message type, and the registry joins them.

/** What a messenger call does. A send may deliver a text; a get or a list only reads. */
export type Operation = 'send' | 'get' | 'list'

/** A message's delivery state, the same words for every provider. */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'received' | 'unknown'

/** A message, normalized: `P` is the provider's name, `Raw` its own message object. */
export interface MessageOf<P extends string, Raw> {
  /** The provider's id of the message. */
  id: string
  provider: P
  /** Sender: a phone number (Quo may answer another identifier; TextUs answers none, see `raw.sender`). */
  from: string
  /** Recipients: one, or several in a Quo group conversation. */
  to: string[]
  text: string
  /** URLs of attached media. */
  media: string[]
  status: MessageStatus
  /** The provider's own word for the status, e.g. Quo's `undelivered`. */
  providerStatus: string
  direction: 'inbound' | 'outbound'
  createdAt: Date
  /** SMS segments: as the provider reports them where it does (SignalWire), else counted from `text`. */
  segments: MessageSegments
  /** The provider's message object, untouched. */
  raw: Raw
}

/** How many SMS segments a message is, and who says so. */
export interface MessageSegments {
  count: number
  /** `'provider'`: the provider's own count; `'computed'`: counted from the text by `countSegments`. */
  source: 'provider' | 'computed'
}

/**
 * A send the provider accepted without returning the message (TextUs answers several
 * recipients, and sends from a saved reply, with no body): there is no id yet.
 */
export interface AcceptedMessage<P extends string = string> {
  id: undefined
  provider: P
  from: string
  to: string[]
  text: string
  media: string[]
  status: 'queued'
  providerStatus: 'accepted'
  direction: 'outbound'
  /** When the provider accepted it (this machine's clock). */
  createdAt: Date
  /** Counted from `text`: the provider answered nothing to count. */
  segments: MessageSegments
  raw: undefined
}

/**
 * What `reconcile()` found out about a send whose outcome was unknown: the message was sent
 * (here it is), it is not there, or the check itself failed.
 */
export type ReconciliationOf<M> =
  | { outcome: 'sent'; message: M }
  | { outcome: 'not-found' }
  | { outcome: 'unknown'; error: unknown }

/** What a provider can do, the same at runtime (`messenger.capabilities`) as in the types. */
export interface Capabilities {
  /** One message to one recipient. */
  readonly send: true
  /** One message per recipient: `broadcast()`. */
  readonly broadcast: true
  /** One message to a group conversation (`delivery: 'group'`). */
  readonly group: boolean
  /** Media attachments on a send. */
  readonly media: boolean
  /** `get(id)`. */
  readonly get: boolean
  /** `list(query)`. */
  readonly list: boolean
}

export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  retries?: number
  /** First backoff delay; each next one doubles. @default 500 */
  minDelayMs?: number
  /** Longest backoff delay. @default 8000 */
  maxDelayMs?: number
  /** Spread each delay randomly between 1× and 2× so clients do not retry in step. @default true */
  jitter?: boolean
  /**
   * Also retry sends whose outcome is unknown: a 5xx, a timeout or a reset after the
   * request was sent. This can send a text twice. @default false
   */
  retryAmbiguousSends?: boolean
}

/** What `onRetry` is told before each retry. Never holds credentials. */
export interface RetryEvent {
  provider: string
  operation: Operation
  /** The attempt that failed, from 1. */
  attempt: number
  /** How long until the next attempt. */
  delayMs: number
  /** Why: a status worth retrying, a connection failure, or (a GET) a success body that is not JSON. */
  reason: 'status' | 'connection' | 'body'
  status?: number
  /** The connection error's message, for `reason: 'connection'`. */
  error?: string
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call and its retries; the call rejects with an `AbortError` whose `cause` is the signal's reason. */
  signal?: AbortSignal
  /** Time for the whole call, retries and waits included. @default the messenger's `timeoutMs` */
  timeoutMs?: number
  /** Retry settings for this call, over the messenger's. */
  retry?: RetryOptions
}

/** Options of a send, a broadcast and a preview. */
export interface SendOptions extends CallOptions {
  /** Refuse a text of more SMS segments than this, before any request. @default the messenger's `maxSegments` */
  maxSegments?: number
}

export interface ListOptions extends CallOptions {
  /** Messages per page (per request). @default the provider's page size (Quo: 10, from its spec) */
  maxResults?: number
  /** Stop after this many messages in all. @default no limit */
  limit?: number
}

export interface ReconcileOptions extends CallOptions {
  /** How far before the send to look. @default 120000 (2 minutes) */
  windowMs?: number
}

/** Options of every messenger. */
export interface CommonMessengerOptions {
  /** The fetch that sends each attempt (tracing, tests). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
  /** Headers added to every request. @default {} */
  headers?: Record<string, string>
  /** Time for a whole call, retries and waits included. @default 30000 */
  timeoutMs?: number
  /** Retry settings of every call. @default { retries: 2, minDelayMs: 500, maxDelayMs: 8000, jitter: true, retryAmbiguousSends: false } */
  retry?: RetryOptions
  /** Called before each retry, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void
  /**
   * Refuse a send or broadcast whose text is more SMS segments than this (a `ValidationError`
   * naming the count and the characters that forced UCS-2), before any request. TextUs sets a
   * segment limit per account: pass yours here. @default no limit
   */
  maxSegments?: number
}

/** A provider's options for its own factory (`createQuoMessenger`…): `provider` may be left out. */
export type FactoryOptions<T extends { provider: string }> = T extends unknown
  ? Omit<T, 'provider'> & { provider?: T['provider'] }
  : never

/** A request a send would make, as `preview()` shows it: credentials never included. */
export interface PreviewRequest {
  method: string
  url: string
  /** Headers as sent, less those that carry credentials. */
  headers: Record<string, string>
  /** The body, parsed from the JSON that would be sent. */
  body: unknown
}
