// SignalWire's webhooks, for the facade's receiver: its verifier, and its events in our words.
// Two surfaces (SignalWire's REST and Compatibility documents):
// - REST, JSON: `messageStatusCallback` `{ id, status, to, from, body, number_of_segments,
//   timestamp, error_code, error_message }` and `inboundMessageWebhook` `{ message: { message_id,
//   direction, from, to, body, media, segments, timestamp } }`;
// - Compatibility (cXML), a form: `MessageSid`, `MessageStatus` (status callback) or an
//   inbound message's `From`, `To`, `Body`, `NumMedia`, `MediaUrl0…`.
// SignalWire sends no delivery id: a status's is `<message id>:<status>`, the same on a retry.
import {
  type SignalWireWebhookPayload,
  verifySignalWireWebhook,
  WebhookVerificationError,
} from '@textbridge/signalwire/webhooks'
import { mapStatus, optionalString, readDate, segmentsOf } from '../core/read.js'
import type { MessageStatus } from '../core/types.js'
import type { WebhookEvent } from '../core/webhook-events.js'
import { SIGNALWIRE_STATUS } from './signalwire.js'

export interface SignalWireWebhookOptions {
  provider: 'signalwire'
  /** The project's Signing Key (SignalWire dashboard → API). */
  signingKey: string
  /**
   * The exact URL SignalWire was told to call, when it is not the URL your server sees (behind
   * a proxy that terminates TLS, or a tunnel): the signature covers it. @default the request's URL
   */
  publicUrl?: string
}

export type SignalWireWebhookEvent = WebhookEvent<'signalwire', SignalWireWebhookPayload>

/** The Compatibility surface's words beyond the REST ones (Twilio's message statuses). */
const STATUS: Readonly<Record<string, MessageStatus>> = {
  ...SIGNALWIRE_STATUS,
  sending: 'sending',
  accepted: 'queued',
  scheduled: 'queued',
  receiving: 'received',
  received: 'received',
}

/** A time as SignalWire writes it: an ISO string, or epoch seconds (or milliseconds). */
function timeOf(value: unknown): Date {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value)
  return value === undefined ? new Date() : readDate(value)
}

const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? undefined : String(value))

export const signalwireWebhooks = {
  provider: 'signalwire' as const,
  options: ['signingKey', 'publicUrl'],
  secrets: (options: SignalWireWebhookOptions) => [options.signingKey],
  async verify(
    options: SignalWireWebhookOptions,
    delivery: { url: string; headers: Headers; body: string | Uint8Array },
  ) {
    return verifySignalWireWebhook({
      url: options.publicUrl ?? delivery.url,
      body: delivery.body,
      headers: delivery.headers,
      signingKey: options.signingKey,
    })
  },
  malformed: (message: string) => new WebhookVerificationError('malformed', message),
  normalize(payload: SignalWireWebhookPayload): SignalWireWebhookEvent {
    const inbound = payload.message as Record<string, unknown> | undefined
    if (inbound && typeof inbound === 'object') {
      const id = text(inbound.message_id) ?? text(inbound.id) ?? ''
      const body = text(inbound.body) ?? ''
      const media = Array.isArray(inbound.media) ? inbound.media.map(String) : []
      return received(
        id,
        text(inbound.from),
        text(inbound.to),
        body,
        media,
        inbound.timestamp,
        payload,
        inbound.segments,
      )
    }
    const formStatus = text(payload.MessageStatus) ?? text(payload.SmsStatus)
    const formId = text(payload.MessageSid) ?? text(payload.SmsSid)
    if (formId !== undefined && (formStatus === undefined || formStatus === 'received') && payload.Body !== undefined) {
      const count = Number(text(payload.NumMedia) ?? 0)
      const media = Array.from(
        { length: Number.isInteger(count) ? count : 0 },
        (_, i) => text(payload[`MediaUrl${i}`]) ?? '',
      )
      return received(formId, text(payload.From), text(payload.To), text(payload.Body) ?? '', media, undefined, payload)
    }
    const messageId = text(payload.id) ?? formId
    const providerStatus = text(payload.status) ?? formStatus
    if (messageId !== undefined && providerStatus !== undefined) {
      const code = text(payload.error_code ?? payload.ErrorCode)
      const message = text(payload.error_message ?? payload.ErrorMessage)
      return {
        type: 'message.status',
        provider: 'signalwire',
        deliveryId: `${messageId}:${providerStatus}`,
        messageId,
        status: mapStatus(STATUS, providerStatus),
        providerStatus,
        ...(code || message ? { error: { ...(code ? { code } : {}), ...(message ? { message } : {}) } } : {}),
        at: timeOf(payload.timestamp),
        raw: payload,
      }
    }
    const providerType = optionalString(payload.event_type) ?? optionalString(payload.type) ?? 'unknown'
    return { type: 'other', provider: 'signalwire', deliveryId: text(payload.id) ?? '', providerType, raw: payload }
  },
}

function received(
  id: string,
  from: string | undefined,
  to: string | undefined,
  body: string,
  media: string[],
  timestamp: unknown,
  payload: SignalWireWebhookPayload,
  segments?: unknown,
): SignalWireWebhookEvent {
  return {
    type: 'message.received',
    provider: 'signalwire',
    deliveryId: id,
    message: {
      id,
      provider: 'signalwire',
      from: from ?? '',
      to: to === undefined ? [] : [to],
      text: body,
      media,
      status: 'received',
      providerStatus: 'received',
      direction: 'inbound',
      createdAt: timeOf(timestamp),
      segments: segmentsOf(body, segments),
      raw: payload.message ?? payload,
    },
    raw: payload,
  }
}
