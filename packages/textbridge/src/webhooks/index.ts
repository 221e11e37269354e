export type { QuoWebhookEvent, QuoWebhookOptions } from '../adapters/quo-webhooks.js'
export type { SignalWireWebhookEvent, SignalWireWebhookOptions } from '../adapters/signalwire-webhooks.js'
export type { TextUsWebhookEvent, TextUsWebhookOptions } from '../adapters/textus-webhooks.js'
export type * from '../core/webhook-events.js'
export {
  createWebhookReceiver,
  isWebhookVerificationError,
  type WebhookEventOf,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './receiver.js'
