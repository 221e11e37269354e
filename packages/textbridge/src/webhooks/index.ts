export type * from '../core/webhook-events.js'
export {
  createWebhookReceiver,
  isWebhookVerificationError,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './receiver.js'
