// Quo's webhooks, for the facade's receiver: its verifier, and its events in our words.
// Events (Quo's "Webhooks" docs): message.received, message.delivered; the dated API also
// message.failed and message.undelivered. The v1 envelope is `{ id, type, createdAt, data: { object } }`,
// its object a message as the REST API answers it; the dated API's is `{ id, apiVersion, type,
// createdAt, data: { resource, context, links } }`, where the numbers a resource leaves out are
// the context's participants (external: the contact's, workspace: yours).
import { type QuoWebhookPayload, verifyQuoWebhook, WebhookVerificationError } from '@textbridge/quo/webhooks'

export { isDocumentedQuoWebhook, type QuoWebhookPayload } from '@textbridge/quo/webhooks'

import { mapStatus, optionalString, readDate, readObject } from '../core/read.js'
import type { WebhookEvent } from '../core/webhook-events.js'
import { QUO_STATUS, quoMessage } from './quo.js'

export interface QuoWebhookOptions {
  provider: 'quo'
  /** The webhook's signing secret as Quo shows it (base64; `whsec_…` for the dated API). */
  secret: string
  /** How far a delivery's signed time may be from now, in seconds. @default 300 */
  toleranceSeconds?: number
}

export type QuoWebhookEvent = WebhookEvent<'quo', QuoWebhookPayload>

const STATUS_EVENTS: Readonly<Record<string, string>> = {
  'message.delivered': 'delivered',
  'message.failed': 'failed',
  'message.undelivered': 'undelivered',
}

export const quoWebhooks = {
  provider: 'quo' as const,
  options: ['secret', 'toleranceSeconds'],
  secrets: (options: QuoWebhookOptions) => [options.secret],
  async verify(options: QuoWebhookOptions, delivery: { url: string; headers: Headers; body: string | Uint8Array }) {
    return verifyQuoWebhook({
      body: delivery.body,
      headers: delivery.headers,
      secret: options.secret,
      ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
    })
  },
  malformed: (message: string) => new WebhookVerificationError('malformed', message),
  normalize(payload: QuoWebhookPayload, headers: Headers): QuoWebhookEvent {
    const type = optionalString(payload.type) ?? ''
    const deliveryId = headers.get('webhook-id') ?? optionalString(payload.id) ?? ''
    const { object, path } = messageOf(payload.data)
    if (type === 'message.received') {
      return { type, provider: 'quo', deliveryId, message: quoMessage(object, path), raw: payload }
    }
    if (Object.hasOwn(STATUS_EVENTS, type)) {
      const message = readObject(object, path)
      const providerStatus = optionalString(message.status) ?? (STATUS_EVENTS[type] as string)
      return {
        type: 'message.status',
        provider: 'quo',
        deliveryId,
        messageId: optionalString(message.id) ?? '',
        status: mapStatus(QUO_STATUS, providerStatus),
        providerStatus,
        at: readDate(message.updatedAt ?? payload.createdAt),
        raw: payload,
      }
    }
    return { type: 'other', provider: 'quo', deliveryId, providerType: type, raw: payload }
  },
}

/** The message of either envelope: v1's `data.object`, or the dated API's `data.resource` with its context's numbers. */
function messageOf(data: unknown): { object: unknown; path: string } {
  if (data === null || typeof data !== 'object') return { object: undefined, path: 'data.object' }
  const { object, resource, context } = data as { object?: unknown; resource?: unknown; context?: unknown }
  if (object !== undefined || resource === null || typeof resource !== 'object') return { object, path: 'data.object' }
  const participants = (context as { participants?: { external?: unknown; workspace?: unknown } } | undefined)
    ?.participants
  const external = Array.isArray(participants?.external) ? participants.external : []
  const workspace = Array.isArray(participants?.workspace) ? participants.workspace : []
  const incoming = (resource as { direction?: unknown }).direction === 'incoming'
  const numbers = incoming ? { from: external[0], to: workspace } : { from: workspace[0], to: external }
  return { object: { ...numbers, ...resource }, path: 'data.resource' }
}
