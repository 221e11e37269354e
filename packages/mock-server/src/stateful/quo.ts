// Quo (v1 API) as a stateful mock plays it: messages `AC…` in conversations of a `PN…` number,
// listed newest first by participants; webhooks in the v1 event envelope, signed with the
// legacy `openphone-signature` (or Standard Webhooks), or with `apiVersion: '2026-03-30'` in
// the dated API's envelope, which Quo signs with Standard Webhooks only (Quo's beta webhook
// docs, https://www.quo.com/docs/mdx/beta/webhooks-overview: `{ id, apiVersion, createdAt,
// type, data: { resource, context, links: { quo } } }`, which the spec documents beside v1's
// and gives an example of; the message resource is unconfirmed, so the REST message is used,
// and what the store does not know, such as the contact lookup, comes from that example).
import type { Node } from '../pointers.js'
import { firstWebhookExample, webhookExample, webhookExamples } from '../webhooks/spec-examples.js'
import { prefixedId, stableId } from './ids.js'
import { deepMerge, isRecord } from './merge.js'
import { responseExample } from './schema-example.js'
import type { InboundInput, Outcome, ProfileContext, ProviderProfile, StoredMessage } from './types.js'

const EVENTS = ['message.received', 'message.delivered', 'message.failed', 'message.undelivered'] as const
const PHONE_NUMBER_ID = /^PN/
const V1 = 'v1'
const DATED = '2026-03-30'

export function quoProfile({ document, apiVersion = V1 }: ProfileContext): ProviderProfile {
  const conversations = new Map<string, string>()
  const exampleMessage = (): Record<string, unknown> => {
    const example = responseExample(document, 'getMessageById_v1', '200')
    return isRecord(example) && isRecord(example.data) ? example.data : {}
  }
  const conversationOf = (phoneNumberId: string, participants: readonly string[]) =>
    stableId(conversations, `${phoneNumberId} ${[...participants].sort().join(',')}`, () => prefixedId('CN', 24))

  return {
    provider: 'quo',
    schemes: apiVersion === DATED ? ['standard-webhooks'] : ['openphone', 'standard-webhooks'],
    apiVersions: [V1, DATED],
    operations: { send: 'sendMessage_v1', get: 'getMessageById_v1', list: 'listMessages_v1' },
    eventTypes: EVENTS,
    inboundType: 'message.received',
    callbackPerMessage: false,

    send(body, example) {
      const data = isRecord(example) && isRecord(example.data) ? example.data : exampleMessage()
      const from = String(body.from)
      const to = (body.to as string[]).map(String)
      const phoneNumberId = PHONE_NUMBER_ID.test(from)
        ? from
        : typeof body.phoneNumberId === 'string'
          ? body.phoneNumberId
          : String(data.phoneNumberId ?? exampleMessage().phoneNumberId)
      const now = new Date().toISOString()
      const resource: Record<string, unknown> = {
        ...data,
        id: prefixedId('AC', 32),
        to,
        from,
        text: String(body.content),
        phoneNumberId,
        conversationId: conversationOf(phoneNumberId, to),
        direction: 'outgoing',
        userId: typeof body.userId === 'string' ? body.userId : (data.userId ?? null),
        status: 'queued',
        createdAt: now,
        updatedAt: now,
      }
      const message = stored(resource, 'outbound')
      return { messages: [message], status: 202, body: { ...(isRecord(example) ? example : {}), data: resource } }
    },
    getId: (path) => String(path.id),
    getBody: (message, example) => ({ ...(isRecord(example) ? example : {}), data: message.resource }),
    listFilter(query, messages) {
      const phoneNumberId = query.get('phoneNumberId')
      const participants = [...query.getAll('participants'), ...query.getAll('participants[]')].sort().join(',')
      const after = dateOf(query.get('createdAfter'))
      const before = dateOf(query.get('createdBefore') ?? query.get('since'))
      const userId = query.get('userId')
      return [...messages].reverse().filter((message) => {
        const { resource } = message
        const others = message.direction === 'outbound' ? message.to : [message.from]
        if (resource.phoneNumberId !== phoneNumberId) return false
        if ([...others].sort().join(',') !== participants) return false
        const created = Date.parse(message.createdAt)
        if (after !== undefined && !(created > after)) return false
        if (before !== undefined && !(created < before)) return false
        if (userId !== null && message.direction === 'outbound' && resource.userId !== userId) return false
        return true
      })
    },
    pageSize: (query) => Number(query.get('maxResults') ?? 10),
    pageToken: (query) => query.get('pageToken') ?? undefined,
    listBody: (example, page, total, nextPageToken) => ({
      ...(isRecord(example) ? example : {}),
      data: page.map((message) => message.resource),
      totalItems: total,
      nextPageToken,
    }),

    statuses: (outcome: Outcome) => ['queued', 'sent', outcome === 'delivered' ? 'delivered' : 'undelivered'],
    setStatus(message, status) {
      message.status = status
      message.updatedAt = new Date().toISOString()
      message.resource = { ...message.resource, status, updatedAt: message.updatedAt }
    },
    statusEvent(status, outcome) {
      if (status === 'delivered') return 'message.delivered'
      if (status === 'undelivered') return outcome === 'failed' ? 'message.failed' : 'message.undelivered'
      return undefined
    },
    // The v1 message has no `failed` status: a failed message reads `undelivered`.
    eventStatus: (type) => (type === 'message.delivered' ? 'delivered' : 'undelivered'),
    deliveryId: () => prefixedId('EV', 32),

    inbound(input: InboundInput, repliesTo: StoredMessage | undefined) {
      const data = exampleMessage()
      const phoneNumberId = String(repliesTo?.resource.phoneNumberId ?? data.phoneNumberId)
      const from = input.from ?? repliesTo?.to[0] ?? String(firstOf(data.to) ?? data.from)
      const to = input.to ?? (repliesTo ? repliesTo.from : String(data.from))
      const now = new Date().toISOString()
      const resource: Record<string, unknown> = {
        ...data,
        id: prefixedId('AC', 32),
        to: [to],
        from,
        text: input.text ?? String(data.text),
        phoneNumberId,
        conversationId: conversationOf(phoneNumberId, [from]),
        direction: 'incoming',
        userId: null,
        status: 'received',
        createdAt: now,
        updatedAt: now,
      }
      return stored(resource, 'inbound')
    },
    canonicalType: (type) => ((EVENTS as readonly string[]).includes(type) ? type : undefined),

    payload(type, message, deliveryId) {
      const base =
        webhookExample(document, type) ?? firstWebhookExample(document, EVENTS) ?? fallbackEnvelope(exampleMessage())
      if (apiVersion === DATED) return datedEnvelope(document, base, type, deliveryId, message)
      const over: Node = { id: deliveryId, type, createdAt: new Date().toISOString() }
      if (message) over.data = { object: webhookMessage(message) }
      return deepMerge(base, over) as Record<string, unknown>
    },
  }
}

/** The v1 envelope WEBHOOKS.md records from public captures, for a spec without `webhooks`. */
function fallbackEnvelope(example: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'EV123abc',
    object: 'event',
    apiVersion: 'v1',
    createdAt: '2022-01-01T00:00:00Z',
    type: 'message.received',
    data: { object: { ...webhookMessageOf(example), object: 'message' } },
  }
}

/** The dated API's envelope around the same message: `data.resource`, `data.context`, `data.links`. */
function datedEnvelope(
  document: Node,
  v1: Record<string, unknown>,
  type: string,
  id: string,
  message: StoredMessage | undefined,
): Record<string, unknown> {
  const example = EVENTS.flatMap((name) => webhookExamples(document, name)).find(
    (candidate) => candidate.apiVersion === DATED,
  )
  const exampleData = isRecord(example?.data) ? example.data : {}
  const exampleContext = isRecord(exampleData.context) ? exampleData.context : {}
  const exampleParticipants = isRecord(exampleContext.participants) ? exampleContext.participants : {}
  const data = isRecord(v1.data) ? v1.data : {}
  const { object: _object, ...resource } = message
    ? webhookMessage(message)
    : isRecord(data.object)
      ? data.object
      : isRecord(exampleData.resource)
        ? exampleData.resource
        : ({} as Record<string, unknown>)
  const incoming = resource.direction === 'incoming'
  const numbers = (value: unknown) =>
    Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]
  const phoneNumberId = resource.phoneNumberId ?? exampleContext.phoneNumberId ?? null
  const conversationId = resource.conversationId ?? exampleContext.conversationId ?? null
  return {
    ...example,
    id,
    apiVersion: DATED,
    createdAt: new Date().toISOString(),
    type,
    data: {
      ...exampleData,
      resource,
      context: {
        ...exampleContext,
        phoneNumberId,
        conversationId,
        userId: resource.userId ?? null,
        participants: {
          ...exampleParticipants,
          external: numbers(incoming ? resource.from : resource.to),
          workspace: numbers(incoming ? resource.to : resource.from),
        },
      },
      links: { quo: `https://my.quo.com/inbox/${phoneNumberId}/c/${conversationId}?at=${resource.id}` },
    },
  }
}

function webhookMessage(message: StoredMessage): Record<string, unknown> {
  return webhookMessageOf(message.resource)
}

function webhookMessageOf(resource: Record<string, unknown>): Record<string, unknown> {
  return {
    id: resource.id,
    object: 'message',
    from: resource.from,
    to: resource.to,
    direction: resource.direction,
    text: resource.text,
    status: resource.status,
    createdAt: resource.createdAt,
    userId: resource.userId ?? null,
    phoneNumberId: resource.phoneNumberId ?? null,
    conversationId: resource.conversationId,
    media: [],
  }
}

function stored(resource: Record<string, unknown>, direction: StoredMessage['direction']): StoredMessage {
  return {
    id: String(resource.id),
    direction,
    from: String(resource.from),
    to: (resource.to as string[]).map(String),
    text: String(resource.text),
    status: String(resource.status),
    createdAt: String(resource.createdAt),
    updatedAt: String(resource.updatedAt),
    resource,
  }
}

function dateOf(value: string | null): number | undefined {
  if (value === null) return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}
