// What a stateful mock keeps, and what a provider's profile must know to play that provider.
import type { Node } from '../pointers.js'
import type { SignatureScheme } from '../webhooks/sign.js'

/** How an outgoing message ends: `delivered`, or one of the two failures providers report. */
export type Outcome = 'delivered' | 'undelivered' | 'failed'

/** A message the mock holds: sent through it, or delivered to the receiver as a reply. */
export interface StoredMessage {
  /** The id in the provider's format (Quo `AC…`, a SignalWire UUID, a TextUs `/messages/…` IRI). */
  readonly id: string
  readonly direction: 'outbound' | 'inbound'
  readonly from: string
  readonly to: readonly string[]
  readonly text: string
  /** The provider's own status word (Quo `queued`, TextUs `deliveryState`…). */
  status: string
  readonly createdAt: string
  updatedAt: string
  /** Where this message's status webhooks go (SignalWire's `status_callback`). */
  readonly statusCallback?: string | undefined
  /** The message as the provider's API shows it: what `get` answers. */
  resource: Record<string, unknown>
}

/** What a send made: the stored messages and the answer to give. */
export interface SendResult {
  messages: StoredMessage[]
  status: number
  /** undefined: the answer has no body. */
  body: unknown
}

/** Fields a test may give for an inbound message; the rest come from the spec's examples. */
export interface InboundInput {
  from?: string | undefined
  to?: string | undefined
  text?: string | undefined
}

export interface ProviderProfile {
  readonly provider: string
  /** The signature schemes the provider uses, the default first. */
  readonly schemes: readonly SignatureScheme[]
  /** The webhook API versions the provider has (its envelope and scheme follow), the default first. */
  readonly apiVersions?: readonly string[]
  /** The spec's operationIds this profile answers. */
  readonly operations: { send: string; get?: string; list?: string }
  /** The event types `deliver` accepts (documented names first). */
  readonly eventTypes: readonly string[]
  /** Builds the stored messages of a valid send and its answer; `example` is Prism's answer body. */
  send(body: Node, example: unknown, path: Record<string, string>): SendResult
  /** The stored message's id named by the path of a `get`. */
  getId?(path: Record<string, string>): string
  /** The answer to a `get`; `example` is Prism's answer body. */
  getBody?(message: StoredMessage, example: unknown): unknown
  /** The messages a `list` asks for, in the order the provider pages them. */
  listFilter?(query: URLSearchParams, messages: readonly StoredMessage[]): StoredMessage[]
  /** The page size a `list` asks for. */
  pageSize?(query: URLSearchParams): number
  /** The page token a `list` gives, if any. */
  pageToken?(query: URLSearchParams): string | undefined
  /** The answer to a `list`. */
  listBody?(example: unknown, page: StoredMessage[], total: number, nextPageToken: string | null): unknown
  /** The provider's status words, in order, for an outgoing message that ends in `outcome`. */
  statuses(outcome: Outcome): readonly string[]
  /** Updates a message to a new status (its resource too, so `get` agrees). */
  setStatus(message: StoredMessage, status: string): void
  /** The event a status change sends, if the provider sends one for it. */
  statusEvent(status: string, outcome: Outcome): string | undefined
  /** The status word a status event means (`status`: the one a test asked for, if the event carries any). */
  eventStatus(type: string, status: string | undefined): string
  /** The documented name of the inbound-message event. */
  readonly inboundType: string
  /** A new id for one delivery (the same on its retries). */
  deliveryId(): string
  /** Whether a status webhook goes to the message's own callback rather than the mock's `webhooks.url`. */
  readonly callbackPerMessage: boolean
  /** A new inbound message (a reply to `repliesTo` when given). */
  inbound(input: InboundInput, repliesTo: StoredMessage | undefined): StoredMessage
  /** The payload of event `type` about `message`, filled from the spec's examples. */
  payload(type: string, message: StoredMessage | undefined, deliveryId: string): Record<string, unknown>
  /** How event `type` is posted: JSON (the default), or a form of text fields (SignalWire's Compatibility API). */
  encoding?(type: string): 'json' | 'form'
  /** The event type `type` stands for (an alias such as `message.received` made the documented name). */
  canonicalType(type: string): string | undefined
}

export interface ProfileContext {
  document: Node
  /** The webhook API version asked for (one of the profile's `apiVersions`). @default the first */
  apiVersion?: string | undefined
}
