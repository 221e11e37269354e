// SignalWire (REST messaging API) as a stateful mock plays it: a send is a UUID message with its
// `status_callback`; each status change goes there as the REST `messageStatusCallback`, and a
// reply as `inboundMessageWebhook`, signed with X-SignalWire-Signature over URL + JSON body.
// `deliver({ type: 'smsStatusCallback' })` (or `sms.<status>`) sends the Compatibility API's
// status callback instead: a form, signed over the URL and its sorted fields (base64), as
// SignalWire sends it for a message sent through that API (which the spec does not ship).
import { randomUUID } from 'node:crypto'
import type { Node } from '../pointers.js'
import { webhookExample, webhookFieldEnum, webhookSchema } from '../webhooks/spec-examples.js'
import { uuid } from './ids.js'
import { deepMerge, isRecord } from './merge.js'
import { responseExample, schemaExample } from './schema-example.js'
import type { InboundInput, Outcome, ProfileContext, ProviderProfile, StoredMessage } from './types.js'

const STATUS = 'messageStatusCallback'
const INBOUND = 'inboundMessageWebhook'
const SMS = 'smsStatusCallback'
/** The REST document's statuses, for a spec without the webhook's schema. */
const REST_STATUSES = ['queued', 'initiated', 'sent', 'delivered', 'undelivered', 'failed', 'read']
/** The Compatibility document's statuses (Twilio's), likewise. */
const SMS_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'receiving', 'received']
/** The error codes SignalWire reports (Twilio's): unreachable handset, unknown error. */
const ERRORS: Record<string, [string, string]> = {
  undelivered: ['30003', 'Unreachable destination handset'],
  failed: ['30008', 'Unknown error'],
}

export function signalWireProfile({ document }: ProfileContext): ProviderProfile {
  const projectId = randomUUID()
  const spaceId = randomUUID()
  const STATUSES = webhookFieldEnum(document, STATUS, 'status', REST_STATUSES)
  const smsStatuses = webhookFieldEnum(document, SMS, 'MessageStatus', SMS_STATUSES)
  const isSms = (type: string) => type === SMS || type.startsWith('sms.')
  const exampleMessage = (): Record<string, unknown> => {
    const example = responseExample(document, 'create_message', '201')
    return isRecord(example) ? example : {}
  }

  return {
    provider: 'signalwire',
    schemes: ['signalwire'],
    operations: { send: 'create_message' },
    eventTypes: [
      STATUS,
      INBOUND,
      SMS,
      'message.received',
      ...STATUSES.map((status) => `message.${status}`),
      ...smsStatuses.map((status) => `sms.${status}`),
    ],
    inboundType: INBOUND,
    callbackPerMessage: true,

    send(body, example) {
      const base = isRecord(example) ? example : exampleMessage()
      const id = uuid()
      const text = typeof body.body === 'string' ? body.body : ''
      const media = Array.isArray(body.media) ? body.media.map(String) : []
      const callback = typeof body.status_callback === 'string' ? body.status_callback : undefined
      const resource: Record<string, unknown> = {
        ...base,
        id,
        from: String(body.from),
        to: String(body.to),
        body: text,
        status: 'queued',
        direction: 'outbound',
        kind: media.length > 0 || body.send_as_mms === true ? 'mms' : 'sms',
        media,
        number_of_segments: segments(text),
        error_code: null,
        error_message: null,
        created_at: new Date().toISOString(),
        project_id: projectId,
        status_callback_url: callback ?? null,
        message_uri: `/api/messaging/logs/${id}`,
      }
      return { messages: [stored(resource, 'outbound', callback)], status: 201, body: resource }
    },

    statuses: (outcome: Outcome) => ['queued', 'sent', outcome],
    setStatus(message, status) {
      const [code, text] = ERRORS[status] ?? [null, null]
      message.status = status
      message.updatedAt = new Date().toISOString()
      message.resource = { ...message.resource, status, error_code: code, error_message: text }
    },
    statusEvent: () => STATUS,
    eventStatus(type, status) {
      const [prefix, allowed, surface] = isSms(type)
        ? ['sms.', smsStatuses, 'Compatibility API']
        : ['message.', STATUSES, 'REST API']
      const word = status ?? (type.startsWith(prefix) ? type.slice(prefix.length) : 'delivered')
      if (!allowed.includes(word)) {
        throw new TypeError(`a SignalWire ${surface} message status is one of ${allowed.join(', ')}; got "${word}"`)
      }
      return word
    },
    deliveryId: uuid,

    inbound(input: InboundInput, repliesTo: StoredMessage | undefined) {
      const example = inboundExample(webhookExample(document, INBOUND), projectId, spaceId).message as Record<
        string,
        unknown
      >
      const text = input.text ?? String(example.body)
      const resource: Record<string, unknown> = {
        ...exampleMessage(),
        id: uuid(),
        from: input.from ?? repliesTo?.to[0] ?? String(example.from),
        to: input.to ?? repliesTo?.from ?? String(example.to),
        body: text,
        status: 'received',
        direction: 'inbound',
        kind: 'sms',
        media: [],
        number_of_segments: segments(text),
        error_code: null,
        error_message: null,
        created_at: new Date().toISOString(),
        project_id: projectId,
        status_callback_url: null,
      }
      resource.message_uri = `/api/messaging/logs/${resource.id}`
      return stored(resource, 'inbound', undefined)
    },
    canonicalType(type) {
      if (type === STATUS || type === INBOUND || type === SMS) return type
      if (type === 'message.received') return INBOUND
      if (type.startsWith('message.') && STATUSES.includes(type.slice(8))) return STATUS
      if (type.startsWith('sms.') && smsStatuses.includes(type.slice(4))) return SMS
      return undefined
    },
    encoding: (type) => (type === SMS ? 'form' : 'json'),

    payload(type, message) {
      if (type === SMS) return smsPayload(webhookExample(document, SMS) ?? schemaOf(document, SMS), message, projectId)
      if (type === INBOUND) {
        const base = inboundExample(webhookExample(document, INBOUND), projectId, spaceId)
        if (!message) return base
        return deepMerge(base, {
          message: {
            message_id: message.id,
            project_id: projectId,
            space_id: spaceId,
            direction: 'inbound',
            type: 'sms',
            from: message.from,
            to: message.to[0],
            body: message.text,
            media: [],
            segments: message.resource.number_of_segments,
            timestamp: message.createdAt,
          },
        }) as Record<string, unknown>
      }
      const base = statusExample(webhookExample(document, STATUS), projectId)
      if (!message) return base
      const { resource } = message
      return deepMerge(base, {
        id: message.id,
        project_id: resource.project_id,
        status: message.status,
        to: resource.to,
        from: resource.from,
        body: resource.body,
        number_of_segments: resource.number_of_segments,
        timestamp: message.updatedAt,
        error_code: resource.error_code,
        error_message: resource.error_message,
      }) as Record<string, unknown>
    },
  }
}

function schemaOf(document: Node, name: string): Record<string, unknown> {
  const example = schemaExample(document, webhookSchema(document, name))
  return isRecord(example) ? example : {}
}

/**
 * The Compatibility API's status callback about `message` (its fields as the Compatibility
 * document names them; an error code only for a failure), over the spec's example.
 */
function smsPayload(
  base: Record<string, unknown>,
  message: StoredMessage | undefined,
  projectId: string,
): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...base, AccountSid: projectId }
  delete payload.ErrorCode
  if (message) {
    const media = message.resource.media
    Object.assign(payload, {
      MessageStatus: message.status,
      MessageSid: message.id,
      From: message.from,
      To: message.to[0],
      Body: message.text,
      NumMedia: Array.isArray(media) ? media.length : 0,
      NumSegments: message.resource.number_of_segments ?? segments(message.text),
    })
  }
  const code = typeof message?.resource.error_code === 'string' ? message.resource.error_code : undefined
  if (code && (payload.MessageStatus === 'failed' || payload.MessageStatus === 'undelivered')) payload.ErrorCode = code
  return payload
}

/** The spec's example of `messageStatusCallback`, or the REST document's documented fields. */
function statusExample(example: Record<string, unknown> | undefined, projectId: string): Record<string, unknown> {
  return (
    example ?? {
      id: '00000000-0000-4000-8000-000000000000',
      project_id: projectId,
      status: 'delivered',
      to: '+15551234567',
      from: '+15557654321',
      body: 'Hello from SignalWire',
      number_of_segments: 1,
      timestamp: '2022-01-01T00:00:00Z',
      error_code: null,
      error_message: null,
    }
  )
}

/** The spec's example of `inboundMessageWebhook`, or the REST document's documented (required) fields. */
function inboundExample(
  example: Record<string, unknown> | undefined,
  projectId: string,
  spaceId: string,
): Record<string, unknown> {
  return (
    example ?? {
      message: {
        message_id: '00000000-0000-4000-8000-000000000000',
        project_id: projectId,
        space_id: spaceId,
        direction: 'inbound',
        type: 'sms',
        from: '+15551234567',
        to: '+15557654321',
        body: 'Hello back',
        media: [],
        segments: 1,
        timestamp: '2022-01-01T00:00:00Z',
      },
      params: {},
      vars: {},
    }
  )
}

/**
 * About as many segments as a carrier would bill: 160/153 characters of GSM-7's basic set,
 * else 70/67 UTF-16 units (extension characters counted once: a mock's estimate, not a count).
 */
function segments(text: string): number {
  const gsm = /^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ]*$/.test(text)
  const [single, multi] = gsm ? [160, 153] : [70, 67]
  return text.length <= single ? 1 : Math.ceil(text.length / multi)
}

function stored(
  resource: Record<string, unknown>,
  direction: StoredMessage['direction'],
  statusCallback: string | undefined,
): StoredMessage {
  return {
    id: String(resource.id),
    direction,
    from: String(resource.from),
    to: [String(resource.to)],
    text: String(resource.body),
    status: String(resource.status),
    createdAt: String(resource.created_at),
    updatedAt: String(resource.created_at),
    statusCallback,
    resource,
  }
}
