// TextUs's webhooks, for the facade's receiver: its verifier, and its events in our words.
// The envelope and events are in our TextUs spec's `webhooks` (from TextUs's "Webhooks" pages):
// message.received, message.delivered, message.failed, message.unknown, keyed by `action`.
import { type TextUsWebhookPayload, verifyTextUsWebhook, WebhookVerificationError } from '@textbridge/textus/webhooks'
import { optionalString, readDate, readObject } from '../core/read.js'
import type { MessageStatus } from '../core/types.js'
import type { WebhookEvent } from '../core/webhook-events.js'
import { textUsMessage } from './textus.js'

export { isDocumentedTextUsWebhook, type TextUsWebhookPayload } from '@textbridge/textus/webhooks'

export interface TextUsWebhookOptions {
  provider: 'textus'
  /** The webhook's signing secret, from its integration settings in TextUs. */
  secret: string
}

export type TextUsWebhookEvent = WebhookEvent<'textus', TextUsWebhookPayload>

const STATUS_EVENTS: Readonly<Record<string, MessageStatus>> = {
  'message.delivered': 'delivered',
  'message.failed': 'failed',
  'message.unknown': 'unknown',
}

export const textusWebhooks = {
  provider: 'textus' as const,
  options: ['secret'],
  secrets: (options: TextUsWebhookOptions) => [options.secret],
  async verify(options: TextUsWebhookOptions, delivery: { url: string; headers: Headers; body: string | Uint8Array }) {
    return verifyTextUsWebhook({ body: delivery.body, headers: delivery.headers, secret: options.secret })
  },
  malformed: (message: string) => new WebhookVerificationError('malformed', message),
  normalize(payload: TextUsWebhookPayload): TextUsWebhookEvent {
    const type = payload.action
    const deliveryId = optionalString(payload.id) ?? ''
    if (type === 'message.received' || Object.hasOwn(STATUS_EVENTS, type)) {
      const conversation = readObject(payload.conversation, 'conversation')
      const contact = optionalString(conversation.phoneNumber) ?? ''
      const account = optionalString(conversation.account)?.replace(/^\/accounts\//, '') ?? ''
      if (type === 'message.received') {
        const message = textUsMessage(payload.message, 'message', { account, to: [account] })
        return { type, provider: 'textus', deliveryId, message: { ...message, from: contact }, raw: payload }
      }
      const message = readObject(payload.message, 'message')
      return {
        type: 'message.status',
        provider: 'textus',
        deliveryId,
        messageId: optionalString(message.id) ?? '',
        status: STATUS_EVENTS[type] as MessageStatus,
        providerStatus: optionalString(message.deliveryState) ?? type.slice('message.'.length),
        at: readDate(message.latestEventAt ?? payload.timestamp),
        raw: payload,
      }
    }
    return { type: 'other', provider: 'textus', deliveryId, providerType: type, raw: payload }
  },
}
