// What a SignalWire messenger is: its options, what its calls take, its capabilities and methods.
import type { components } from '@textbridge/signalwire'
import { capabilities } from '../core/capabilities.js'
import type { PreviewResult } from '../core/messenger.js'
import type { BroadcastResultOf } from '../core/results.js'
import type { AcceptedMessage, CommonMessengerOptions, MessageOf, SendOptions } from '../core/types.js'

/** SignalWire's message object, as its spec types it. */
export type SignalWireRawMessage = components['schemas']['Message.Message']

/** A SignalWire message, normalized. */
export type SignalWireMessage = MessageOf<'signalwire', SignalWireRawMessage>

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

export interface SignalWireSendInput {
  /** One recipient: E.164 (`+` and 5 to 17 digits), or 988. */
  to: string
  /** The text, at most as long as SignalWire's spec allows (1600 characters); optional when there is media. */
  text?: string
  /** http(s) URLs of media, as many as SignalWire's spec allows (8); makes it an MMS. */
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

/** What SignalWire can do, at runtime (`messenger.capabilities`) and in the types. */
export const SIGNALWIRE_CAPABILITIES = capabilities({ group: false, media: true, get: false, list: false })

export interface SignalWireMessenger {
  readonly provider: 'signalwire'
  readonly capabilities: typeof SIGNALWIRE_CAPABILITIES
  /** Sends one message to one recipient. */
  send(input: SignalWireSendInput, options?: SendOptions): Promise<SignalWireMessage>
  /** Sends each recipient a message of their own (one request each). */
  broadcast(
    input: SignalWireBroadcastInput,
    options?: SendOptions,
  ): Promise<BroadcastResultOf<SignalWireMessage | AcceptedMessage<'signalwire'>>>
  /** Runs what `send` (or, for a list of recipients, `broadcast`) would, and sends nothing. */
  preview(input: SignalWireSendInput | SignalWireBroadcastInput, options?: SendOptions): Promise<PreviewResult>
}
