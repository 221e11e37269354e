// The receiver, its events, and each provider's payload types and guards (to narrow an event's
// `raw` to what the provider's spec documents).
export {
  isDocumentedQuoWebhook,
  type QuoWebhookEvent,
  type QuoWebhookOptions,
  type QuoWebhookPayload,
} from '../adapters/quo-webhooks.js'
export {
  isDocumentedSignalWireWebhook,
  isSignalWireWebhook,
  type SignalWireWebhookEvent,
  type SignalWireWebhookName,
  type SignalWireWebhookOptions,
  type SignalWireWebhookPayload,
  type SignalWireWebhookPayloads,
} from '../adapters/signalwire-webhooks.js'
export {
  isDocumentedTextUsWebhook,
  type TextUsWebhookEvent,
  type TextUsWebhookOptions,
  type TextUsWebhookPayload,
} from '../adapters/textus-webhooks.js'
export type * from '../core/webhook-events.js'
export {
  createWebhookReceiver,
  isWebhookVerificationError,
  type WebhookEventOf,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './receiver.js'
