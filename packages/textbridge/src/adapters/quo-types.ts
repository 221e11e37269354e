// What a Quo messenger is: its options, what its calls take, its capabilities and methods.
import type { paths } from '@textbridge/quo'
import { capabilities } from '../core/capabilities.js'
import type { PreviewResult } from '../core/messenger.js'
import type { BroadcastResultOf } from '../core/results.js'
import type {
  AcceptedMessage,
  CallOptions,
  CommonMessengerOptions,
  ListOptions,
  MessageOf,
  ReconcileOptions,
  ReconciliationOf,
  SendOptions,
} from '../core/types.js'

/** Quo's message object, as its spec types it. */
export type QuoRawMessage = paths['/v1/messages/{id}']['get']['responses'][200]['content']['application/json']['data']

/** A Quo message, normalized. */
export type QuoMessage = MessageOf<'quo', QuoRawMessage>

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

export interface QuoSendInput {
  /** One recipient, in E.164. */
  to: string
  /** The text, not blank, at most as long as Quo's spec allows (1600 characters). */
  text: string
  /** Sender for this message. @default the messenger's `from` */
  from?: string
  /** The Quo user sending it (`US…`). @default the number's owner */
  userId?: string
  /** `'done'` files the conversation under Done in Quo's inbox. */
  setInboxStatus?: 'done'
}

export interface QuoGroupSendInput extends Omit<QuoSendInput, 'to'> {
  /** Recipients (at most as many as Quo's spec allows, 10): one message, in one group conversation with all of them. */
  to: string[]
  delivery: 'group'
}

export interface QuoBroadcastInput extends Omit<QuoSendInput, 'to'> {
  /** Each recipient gets a message of their own (one request each). */
  to: string[]
}

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

/** What Quo can do, at runtime (`messenger.capabilities`) and in the types. */
export const QUO_CAPABILITIES = capabilities({ group: true, media: false, get: true, list: true })

// Each method has one signature (no overloads), so a `Messenger` of any provider can be called.

export interface QuoMessenger {
  readonly provider: 'quo'
  readonly capabilities: typeof QUO_CAPABILITIES
  /** Sends one text to one recipient, or (`delivery: 'group'`) to a group conversation of all of them. */
  send(input: QuoSendInput | QuoGroupSendInput, options?: SendOptions): Promise<QuoMessage>
  /** Sends each recipient a text of their own (one request each). */
  broadcast(
    input: QuoBroadcastInput,
    options?: SendOptions,
  ): Promise<BroadcastResultOf<QuoMessage | AcceptedMessage<'quo'>>>
  /** Runs what `send` (or, for a list of recipients, `broadcast`) would, and sends nothing. */
  preview(input: QuoSendInput | QuoGroupSendInput | QuoBroadcastInput, options?: SendOptions): Promise<PreviewResult>
  /** Gets a message by id (`AC…`). */
  get(id: string, options?: CallOptions): Promise<QuoMessage>
  /** Every message of a conversation, page after page. Stops on `break`. */
  list(query: QuoListQuery, options?: ListOptions): AsyncGenerator<QuoMessage, void, undefined>
}

export type QuoReconciliation = ReconciliationOf<QuoMessage>
export type { ReconcileOptions }
