// What a TextUs messenger is: its options, what its calls take, its capabilities and methods.
import type { components } from '@textbridge/textus'
import { capabilities } from '../core/capabilities.js'
import type { PreviewResult } from '../core/messenger.js'
import type { BroadcastResultOf } from '../core/results.js'
import type { AcceptedMessage, CommonMessengerOptions, MessageOf, SendOptions } from '../core/types.js'

/** TextUs's message object, as its spec types it. */
export type TextUsRawMessage = components['schemas']['Message']

/** A TextUs message, normalized. */
export type TextUsMessage = MessageOf<'textus', TextUsRawMessage>

export interface TextUsMessengerOptions extends CommonMessengerOptions {
  provider: 'textus'
  /** Your TextUs API token. */
  token: string
  /** The account slug messages are sent from. */
  account: string
  /** API base URL. @default 'https://next.textus.com' */
  baseUrl?: string
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

/** What TextUs can do, at runtime (`messenger.capabilities`) and in the types. */
export const TEXTUS_CAPABILITIES = capabilities({ group: false, media: true, get: false, list: false })

export interface TextUsMessenger {
  readonly provider: 'textus'
  readonly capabilities: typeof TEXTUS_CAPABILITIES
  /** Sends one message to one recipient: the message, or `AcceptedMessage` when TextUs returns none. */
  send(input: TextUsSendInput, options?: SendOptions): Promise<TextUsMessage | AcceptedMessage<'textus'>>
  /** Sends each recipient a message of their own (one request; TextUs answers 202 with no body). */
  broadcast(
    input: TextUsBroadcastInput,
    options?: SendOptions,
  ): Promise<BroadcastResultOf<TextUsMessage | AcceptedMessage<'textus'>>>
  /** Runs what `send` (or, for a list of recipients, `broadcast`) would, and sends nothing. */
  preview(input: TextUsSendInput | TextUsBroadcastInput, options?: SendOptions): Promise<PreviewResult>
}
