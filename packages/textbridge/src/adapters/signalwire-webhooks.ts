// SignalWire's webhooks, for the facade's receiver: its verifier, and its events in our words.
// Two surfaces (SignalWire's REST and Compatibility documents):
// - REST, JSON: `messageStatusCallback` `{ id, status, to, from, body, number_of_segments,
//   timestamp, error_code, error_message }` and `inboundMessageWebhook` `{ message: { message_id,
//   direction, from, to, body, media, segments, timestamp } }`;
// - Compatibility (cXML), a form: `smsStatusCallback` `{ MessageSid, MessageStatus, ErrorCode, … }`
//   (the Compatibility document's), or an inbound message's `From`, `To`, `Body`, `NumMedia`,
//   `MediaUrl0…` (not in the spec: read loosely).
// The spec's webhooks are told apart by the package's guards; the raw payload stays typed by them.
// SignalWire sends no delivery id: a status's is `<message id>:<status>`, the same on a retry.
import {
  isSignalWireWebhook,
  type SignalWireWebhookPayload,
  verifySignalWireWebhook,
  WebhookVerificationError,
} from '@textbridge/signalwire/webhooks'
import { mapStatus, optionalString, readDate, segmentsOf } from '../core/read.js'
import type { MessageStatus } from '../core/types.js'
import type { WebhookEvent } from '../core/webhook-events.js'
import { SIGNALWIRE_STATUS } from './signalwire.js'

export {
  isDocumentedSignalWireWebhook,
  isSignalWireWebhook,
  type SignalWireWebhookName,
  type SignalWireWebhookPayload,
  type SignalWireWebhookPayloads,
} from '@textbridge/signalwire/webhooks'

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
    if (isSignalWireWebhook(payload, 'inboundMessageWebhook')) {
      const { message } = payload
      const media = message.media.flatMap((item) => (typeof item?.url === 'string' ? [item.url] : []))
      return received(message.message_id, message.from, message.to, message.body ?? '', media, message.timestamp, {
        payload,
        resource: message,
        segments: message.segments,
      })
    }
    if (isSignalWireWebhook(payload, 'messageStatusCallback')) {
      const error = { code: payload.error_code ?? undefined, message: payload.error_message ?? undefined }
      return statusChange(payload.id, payload.status, error, payload.timestamp, payload)
    }
    if (isSignalWireWebhook(payload, 'smsStatusCallback') && payload.MessageStatus !== 'received') {
      return statusChange(payload.MessageSid, payload.MessageStatus, { code: payload.ErrorCode }, undefined, payload)
    }
    // Beyond the spec's webhooks: a Compatibility inbound message (a form to the number's URL, or
    // a status callback saying `received`), and payloads in these shapes that lack a field.
    const fields = payload as Readonly<Record<string, unknown>>
    const inbound = fields.message
    if (isRecord(inbound)) {
      const id = text(inbound.message_id) ?? text(inbound.id) ?? ''
      const media = Array.isArray(inbound.media)
        ? inbound.media.map((item) => text(isRecord(item) ? item.url : item) ?? '')
        : []
      return received(id, text(inbound.from), text(inbound.to), text(inbound.body) ?? '', media, inbound.timestamp, {
        payload,
        resource: inbound,
        segments: inbound.segments,
      })
    }
    const formStatus = text(fields.MessageStatus) ?? text(fields.SmsStatus)
    const formId = text(fields.MessageSid) ?? text(fields.SmsSid)
    if (formId !== undefined && (formStatus === undefined || formStatus === 'received') && fields.Body !== undefined) {
      const count = Number(text(fields.NumMedia) ?? 0)
      const media = Array.from(
        { length: Number.isInteger(count) ? count : 0 },
        (_, i) => text(fields[`MediaUrl${i}`]) ?? '',
      )
      return received(formId, text(fields.From), text(fields.To), text(fields.Body) ?? '', media, undefined, {
        payload,
        resource: payload,
        segments: fields.NumSegments === undefined ? undefined : Number(text(fields.NumSegments)),
      })
    }
    const messageId = text(fields.id) ?? formId
    const providerStatus = text(fields.status) ?? formStatus
    if (messageId !== undefined && providerStatus !== undefined) {
      const error = {
        code: text(fields.error_code ?? fields.ErrorCode),
        message: text(fields.error_message ?? fields.ErrorMessage),
      }
      return statusChange(messageId, providerStatus, error, fields.timestamp, payload)
    }
    const providerType = optionalString(fields.event_type) ?? optionalString(fields.type) ?? 'unknown'
    return { type: 'other', provider: 'signalwire', deliveryId: text(fields.id) ?? '', providerType, raw: payload }
  },
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function statusChange(
  messageId: string,
  providerStatus: string,
  error: { code?: string | undefined; message?: string | undefined },
  timestamp: unknown,
  payload: SignalWireWebhookPayload,
): SignalWireWebhookEvent {
  const { code, message } = error
  return {
    type: 'message.status',
    provider: 'signalwire',
    deliveryId: `${messageId}:${providerStatus}`,
    messageId,
    status: mapStatus(STATUS, providerStatus),
    providerStatus,
    ...(code || message ? { error: { ...(code ? { code } : {}), ...(message ? { message } : {}) } } : {}),
    at: timeOf(timestamp),
    raw: payload,
  }
}

function received(
  id: string,
  from: string | undefined,
  to: string | undefined,
  body: string,
  media: string[],
  timestamp: unknown,
  source: { payload: SignalWireWebhookPayload; resource: unknown; segments: unknown },
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
      segments: segmentsOf(body, source.segments),
      raw: source.resource,
    },
    raw: source.payload,
  }
}
