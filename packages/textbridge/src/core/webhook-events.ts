// What a webhook receiver hands your code: one normalized event per delivery, the same
// shape for every provider, with the provider's own payload beside it.
import type { MessageOf, MessageStatus } from './types.js'

/** An inbound message: a reply, or a first message to your number. */
export interface MessageReceivedEvent<P extends string = string, Raw = unknown> {
  type: 'message.received'
  provider: P
  /** The same for every retry of this delivery: drop a second one with the same id. */
  deliveryId: string
  message: MessageOf<P, unknown>
  /** The payload as the provider sent it. */
  raw: Raw
}

/** A message you sent changed state (queued, sent, delivered, failed…). */
export interface MessageStatusEvent<P extends string = string, Raw = unknown> {
  type: 'message.status'
  provider: P
  /** The same for every retry of this delivery: drop a second one with the same id. */
  deliveryId: string
  /** The provider's id of the message: the `id` that `send` resolved with. */
  messageId: string
  /** The same mapping as `send` and `get` use. */
  status: MessageStatus
  /** The provider's own word, e.g. SignalWire's `undelivered`. */
  providerStatus: string
  /** Why it failed, when the provider says. */
  error?: { code?: string; message?: string }
  /** When the provider says the state changed (or, when it does not say, when it was received). */
  at: Date
  raw: Raw
}

/** Any other event (a contact changed, a call…): verified, and handed over as it came. */
export interface OtherWebhookEvent<P extends string = string, Raw = unknown> {
  type: 'other'
  provider: P
  deliveryId: string
  /** The provider's name of the event, e.g. `contact.updated`. */
  providerType: string
  raw: Raw
}

export type WebhookEvent<P extends string = string, Raw = unknown> =
  | MessageReceivedEvent<P, Raw>
  | MessageStatusEvent<P, Raw>
  | OtherWebhookEvent<P, Raw>

/** A delivery to verify: a Fetch `Request`, or its parts (the body exactly as received). */
export type WebhookRequest =
  | Request
  | { url: string; headers: Headers | Record<string, string | string[] | undefined>; body: string | Uint8Array }
