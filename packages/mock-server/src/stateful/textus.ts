// TextUs as a stateful mock plays it: a send makes one `/messages/…` per recipient (201 with the
// message for one, 202 with no body for several); delivery states go to the mock's webhook URL
// as `message.delivered` / `message.failed` / `message.unknown` deliveries, and a reply as
// `message.received`, each in the spec's WebhookDelivery envelope, signed with X-TextUs-Signature.
import { firstWebhookExample, webhookExample } from '../webhooks/spec-examples.js'
import { prefixedId, stableId } from './ids.js'
import { deepMerge, isRecord } from './merge.js'
import { responseExample } from './schema-example.js'
import type { InboundInput, Outcome, ProfileContext, ProviderProfile, StoredMessage } from './types.js'

const EVENTS = ['message.received', 'message.delivered', 'message.failed', 'message.unknown'] as const
/** Outcomes as TextUs names them (`deliveryState`): an undelivered message's state is unknown. */
const FINAL: Record<Outcome, string> = { delivered: 'delivered', failed: 'failed', undelivered: 'unknown' }
const DESCRIPTIONS: Record<string, string> = {
  queued: 'Message Queued',
  sent: 'Message Sent',
  delivered: 'Message Delivered',
  failed: 'Message Failed',
  unknown: 'Message Status Unknown',
}

export function textUsProfile({ document }: ProfileContext): ProviderProfile {
  const conversations = new Map<string, string>()
  const integration = `/integrations/${prefixedId('', 6)}`
  const conversationOf = (number: string) =>
    stableId(conversations, number, () => `/conversations/${prefixedId('', 6)}`)
  const exampleMessage = (): Record<string, unknown> => {
    const example = responseExample(document, 'sendMessage', '201')
    return isRecord(example) ? example : {}
  }
  const envelope = (type: string) =>
    webhookExample(document, type) ?? firstWebhookExample(document, EVENTS) ?? fallbackEnvelope(exampleMessage())

  const build = (base: Record<string, unknown>, fields: { text: string; direction: string; contact: string }) => {
    const id = `/messages/${prefixedId('', 7)}`
    const now = new Date().toISOString()
    const attachments = isRecord(base.attachments) ? base.attachments : {}
    return {
      ...base,
      id,
      direction: fields.direction,
      body: fields.text,
      formattedBody: `<div>${escapeHtml(fields.text)}</div>`,
      displayTimestamp: now,
      timelinePosition: now,
      latestEventAt: now,
      deliveryState: fields.direction === 'in' ? 'delivered' : 'queued',
      friendlyStateDescription: fields.direction === 'in' ? DESCRIPTIONS.delivered : DESCRIPTIONS.queued,
      conversation: conversationOf(fields.contact),
      attachments: { ...attachments, id: `${id}/attachments`, members: [], totalItems: 0 },
      retryAllowed: false,
      retry: null,
    } as Record<string, unknown>
  }

  return {
    provider: 'textus',
    schemes: ['textus'],
    operations: { send: 'sendMessage' },
    eventTypes: EVENTS,
    inboundType: 'message.received',
    callbackPerMessage: false,

    send(body, example, path) {
      const base = isRecord(example) ? example : exampleMessage()
      const recipients = (Array.isArray(body.to) ? body.to : [body.to]).map(String)
      const text = typeof body.body === 'string' ? body.body : ''
      const account = `/accounts/${path.account ?? 'account'}`
      const messages = recipients.map((recipient) => {
        const resource = build(base, { text, direction: 'out', contact: recipient })
        resource.channel = body.channel === 'whatsapp' ? 'whatsapp' : 'sms'
        if (resource.channel === 'sms') resource.whatsAppTemplate = null
        return stored(resource, 'outbound', account, [recipient])
      })
      const [only] = messages
      if (messages.length === 1 && only) return { messages, status: 201, body: only.resource }
      return { messages, status: 202, body: undefined }
    },

    statuses: (outcome: Outcome) => ['queued', 'sent', FINAL[outcome]],
    setStatus(message, status) {
      message.status = status
      message.updatedAt = new Date().toISOString()
      message.resource = {
        ...message.resource,
        deliveryState: status,
        friendlyStateDescription: DESCRIPTIONS[status] ?? status,
        latestEventAt: message.updatedAt,
      }
    },
    statusEvent(status) {
      const type = `message.${status}`
      return type !== 'message.received' && (EVENTS as readonly string[]).includes(type) ? type : undefined
    },
    eventStatus: (type) => type.slice('message.'.length),
    deliveryId: () => `${integration}/deliveries/${prefixedId('', 10)}`,

    inbound(input: InboundInput, repliesTo: StoredMessage | undefined) {
      const example = envelope('message.received')
      const message = isRecord(example.message) ? example.message : exampleMessage()
      const conversation = isRecord(example.conversation) ? example.conversation : {}
      const from = input.from ?? repliesTo?.to[0] ?? String(conversation.phoneNumber ?? '+13035551234')
      const resource = build(message, { text: input.text ?? String(message.body), direction: 'in', contact: from })
      resource.sender = `/contacts/${prefixedId('', 6)}`
      return stored(resource, 'inbound', from, [input.to ?? repliesTo?.from ?? String(conversation.account ?? '')])
    },
    canonicalType: (type) => ((EVENTS as readonly string[]).includes(type) ? type : undefined),

    payload(type, message, deliveryId) {
      const over: Record<string, unknown> = {
        id: deliveryId,
        timestamp: new Date().toISOString(),
        action: type,
        webHook: integration,
      }
      if (message) {
        const contact = message.direction === 'inbound' ? message.from : (message.to[0] as string)
        const conversation = String(message.resource.conversation)
        over.conversation = { id: conversation, slug: conversation.split('/').pop(), phoneNumber: contact }
        over.message = message.resource
      }
      return deepMerge(envelope(type), over) as Record<string, unknown>
    },
  }
}

/** WEBHOOKS.md's envelope around the spec's Message example, for a spec without `webhooks`. */
function fallbackEnvelope(message: Record<string, unknown>): Record<string, unknown> {
  return {
    '@type': 'WebhookDelivery',
    id: '/integrations/h13Jc5/deliveries/xyz',
    timestamp: '2022-01-01T00:00:00Z',
    action: 'message.received',
    webHook: '/integrations/h13Jc5',
    conversation: { '@type': 'Conversation', id: String(message.conversation ?? '/conversations/kY1QwY') },
    message,
  }
}

function stored(
  resource: Record<string, unknown>,
  direction: StoredMessage['direction'],
  from: string,
  to: string[],
): StoredMessage {
  return {
    id: String(resource.id),
    direction,
    from,
    to,
    text: String(resource.body),
    status: String(resource.deliveryState),
    createdAt: String(resource.displayTimestamp),
    updatedAt: String(resource.latestEventAt),
    resource,
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}
