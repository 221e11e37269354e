import type { paths as QuoPaths } from '@textbridge/quo'
import type { components as SignalWireComponents } from '@textbridge/signalwire'
import type { components as TextUsComponents } from '@textbridge/textus'
import type { TextbridgeError } from './core/errors.js'

export type Provider = 'quo' | 'signalwire' | 'textus'
export type Operation = 'send' | 'get' | 'list'

/** A message's delivery state, the same words for every provider. */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'received' | 'unknown'

/** Each provider's own message object, as its spec types it. */
export interface RawMessages {
  quo: QuoPaths['/v1/messages/{id}']['get']['responses'][200]['content']['application/json']['data']
  signalwire: SignalWireComponents['schemas']['Message.Message']
  textus: TextUsComponents['schemas']['Message']
}

interface MessageOf<P extends Provider> {
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
  /** The provider's message object, untouched. */
  raw: RawMessages[P]
}

/** A message, normalized. `Message` alone is the union over providers, narrowed by `provider`. */
export type Message<P extends Provider = Provider> = P extends Provider ? MessageOf<P> : never

/**
 * A send the provider accepted without returning the message (TextUs answers several
 * recipients, and sends from a saved reply, with no body): there is no id yet.
 */
export interface AcceptedMessage<P extends Provider = Provider> {
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
  raw: undefined
}

/** What one recipient of a broadcast got. */
export type RecipientResult<P extends Provider = Provider> =
  | { to: string; ok: true; message: Message<P> | AcceptedMessage<P> }
  | { to: string; ok: false; error: TextbridgeError }

/** A broadcast: one message per recipient, each with its own outcome, in the order of `to`. */
export interface BroadcastResult<P extends Provider = Provider> {
  delivery: 'broadcast'
  results: RecipientResult<P>[]
  /** How many recipients' messages the provider accepted. */
  accepted: number
  /** How many failed; see each result's `error` (and its `retryable`). */
  failed: number
}

/**
 * What `reconcile()` found out about a send whose outcome was unknown: the message was sent
 * (here it is), it is not there, or the check itself failed.
 */
export type Reconciliation<P extends Provider = Provider> =
  | { outcome: 'sent'; message: Message<P> }
  | { outcome: 'not-found' }
  | { outcome: 'unknown'; error: unknown }

export interface ReconcileOptions extends CallOptions {
  /** How far before the send to look. @default 120000 (2 minutes) */
  windowMs?: number
}

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
  provider: Provider
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
  /** Aborts the call and its retries; the call rejects with the signal's reason. */
  signal?: AbortSignal
  /** Time for the whole call, retries and waits included. @default the messenger's `timeoutMs` */
  timeoutMs?: number
  /** Retry settings for this call, over the messenger's. */
  retry?: RetryOptions
}

export interface ListOptions extends CallOptions {
  /** Messages per page (per request). @default 10 (Quo's default) */
  maxResults?: number
  /** Stop after this many messages in all. @default no limit */
  limit?: number
}

/** Options of every messenger. */
export interface CommonMessengerOptions {
  /** The fetch that sends each attempt (tracing, tests). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
  /** Headers added to every request. @default {} */
  headers?: Record<string, string>
  /** Time for a whole call, retries and waits included. @default 30000 */
  timeoutMs?: number
  /** Retry settings of every call. @default { retries: 2, minDelayMs: 500, maxDelayMs: 8000, jitter: true } */
  retry?: RetryOptions
  /** Called before each retry, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void
}

export interface QuoMessengerOptions extends CommonMessengerOptions {
  provider: 'quo'
  /** Your Quo API key. */
  apiKey: string
  /** The default sender: your Quo number in E.164, or its phone number id (`PN…`). */
  from: string
  /** The Quo number whose messages `list` reads (`PN…`). @default `from`, when it is a `PN…` id */
  phoneNumberId?: string
  /** API base URL. @default 'https://api.quo.com' */
  baseUrl?: string
}

interface SignalWireCommon extends CommonMessengerOptions {
  provider: 'signalwire'
  /** Your project ID. */
  projectId: string
  /** An API token of the project with the Messaging scope. */
  apiToken: string
  /** The default sender: a number of the project in E.164, or a short code. */
  from: string
}

export type SignalWireMessengerOptions =
  | (SignalWireCommon & {
      /** Your space, e.g. `example` for example.signalwire.com. */
      space: string
      baseUrl?: never
    })
  | (SignalWireCommon & {
      /** API base URL (a mock, a proxy); replaces `space`. */
      baseUrl: string
      space?: never
    })

export interface TextUsMessengerOptions extends CommonMessengerOptions {
  provider: 'textus'
  /** Your TextUs API token. */
  token: string
  /** The account slug messages are sent from. */
  account: string
  /** API base URL. @default 'https://next.textus.com' */
  baseUrl?: string
}

export type MessengerOptions = QuoMessengerOptions | SignalWireMessengerOptions | TextUsMessengerOptions

/** A provider's options for its own factory (`createQuoMessenger`…): `provider` may be left out. */
export type FactoryOptions<T extends MessengerOptions> = T extends unknown
  ? Omit<T, 'provider'> & { provider?: T['provider'] }
  : never

// --- what each provider's send takes ------------------------------------------------------

export interface QuoSendInput {
  /** One recipient, in E.164. */
  to: string
  /** The text, 1 to 1600 characters, not blank. */
  text: string
  /** Sender for this message. @default the messenger's `from` */
  from?: string
  /** The Quo user sending it (`US…`). @default the number's owner */
  userId?: string
  /** `'done'` files the conversation under Done in Quo's inbox. */
  setInboxStatus?: 'done'
}

export interface QuoGroupSendInput extends Omit<QuoSendInput, 'to'> {
  /** 1 to 10 recipients: one message, in one group conversation with all of them. */
  to: string[]
  delivery: 'group'
}

export interface QuoBroadcastInput extends Omit<QuoSendInput, 'to'> {
  /** Each recipient gets a message of their own (one request each). */
  to: string[]
}

export interface SignalWireSendInput {
  /** One recipient: E.164 (`+` and 5 to 17 digits), or 988. */
  to: string
  /** The text, at most 1600 characters; optional when there is media. */
  text?: string
  /** Up to 8 http(s) URLs of media (makes it an MMS). */
  media?: string[]
  /** Sender for this message. @default the messenger's `from` */
  from?: string
  /** http(s) URL that receives status callbacks. */
  statusCallback?: string
  /** Send as MMS even without media. */
  sendAsMms?: boolean
}

export interface SignalWireBroadcastInput extends Omit<SignalWireSendInput, 'to'> {
  /** Each recipient gets a message of their own (one request each). */
  to: string[]
}

/** A file to attach: its URL, and its MIME type when the URL's extension does not tell. */
export type MediaInput = string | { url: string; contentType?: string }

export interface TextUsTextInput {
  /** One recipient, in E.164. */
  to: string
  /** The text, not blank. */
  text: string
  /** One attachment at most (png, jpeg, gif, rtf, pdf, ics, vcard). */
  media?: MediaInput[]
  /** `'whatsapp'` needs an open 24-hour conversation with the recipient. @default 'sms' */
  channel?: 'sms' | 'whatsapp'
  /** A saved reply to send from, e.g. `/saved_replies/QxvonQv`. */
  savedReply?: string
}

export interface TextUsTemplateInput {
  to: string
  /** An approved WhatsApp template and its variables' values. */
  template: { id: string; variables?: Record<string, string> }
  /** Templates are WhatsApp only. */
  channel: 'whatsapp'
  text?: never
}

export type TextUsSendInput = TextUsTextInput | TextUsTemplateInput

/** Each recipient gets a message of their own (TextUs takes them in one request). */
export type TextUsBroadcastInput = (Omit<TextUsTextInput, 'to'> | Omit<TextUsTemplateInput, 'to'>) & { to: string[] }

export interface QuoListQuery {
  /** The other people in the conversation, in E.164 (1 to 10; several: a group conversation). */
  participants: string[]
  /** The Quo number (`PN…`). @default the messenger's `phoneNumberId` */
  phoneNumberId?: string
  /** Only messages sent by this user (`US…`). */
  userId?: string
  createdAfter?: Date | string
  createdBefore?: Date | string
}

// --- messengers ---------------------------------------------------------------------------

interface MessengerBase<P extends Provider, C extends Capabilities> {
  readonly provider: P
  readonly capabilities: C
}

// Each method has one signature (no overloads), so a `Messenger` of any provider can be called.

export interface QuoMessenger
  extends MessengerBase<'quo', { send: true; broadcast: true; group: true; media: false; get: true; list: true }> {
  /** Sends one text to one recipient, or (`delivery: 'group'`) to a group conversation of all of them. */
  send(input: QuoSendInput | QuoGroupSendInput, options?: CallOptions): Promise<Message<'quo'>>
  /** Sends each recipient a text of their own (one request each). */
  broadcast(input: QuoBroadcastInput, options?: CallOptions): Promise<BroadcastResult<'quo'>>
  /** Gets a message by id (`AC…`). */
  get(id: string, options?: CallOptions): Promise<Message<'quo'>>
  /** Every message of a conversation, page after page. Stops on `break`. */
  list(query: QuoListQuery, options?: ListOptions): AsyncGenerator<Message<'quo'>, void, undefined>
}

export interface SignalWireMessenger
  extends MessengerBase<
    'signalwire',
    { send: true; broadcast: true; group: false; media: true; get: false; list: false }
  > {
  /** Sends one message to one recipient. */
  send(input: SignalWireSendInput, options?: CallOptions): Promise<Message<'signalwire'>>
  /** Sends each recipient a message of their own (one request each). */
  broadcast(input: SignalWireBroadcastInput, options?: CallOptions): Promise<BroadcastResult<'signalwire'>>
}

export interface TextUsMessenger
  extends MessengerBase<'textus', { send: true; broadcast: true; group: false; media: true; get: false; list: false }> {
  /** Sends one message to one recipient: the message, or `AcceptedMessage` when TextUs returns none. */
  send(input: TextUsSendInput, options?: CallOptions): Promise<Message<'textus'> | AcceptedMessage<'textus'>>
  /** Sends each recipient a message of their own (one request; TextUs answers 202 with no body). */
  broadcast(input: TextUsBroadcastInput, options?: CallOptions): Promise<BroadcastResult<'textus'>>
}

export type Messenger = QuoMessenger | SignalWireMessenger | TextUsMessenger
