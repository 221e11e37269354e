// Everything the facade knows about Quo: options, request building and validation, status
// mapping, error bodies, pagination. Rules mirror specs/quo (after its overlay).
import { createQuoClient } from '@textbridge/quo'
import { broadcast } from '../core/broadcast.js'
import { type CallInit, call, callSettings, providerFault, read, type Scope } from '../core/call.js'
import type { TextbridgeError } from '../core/errors.js'
import { date, object, optionalString, ShapeError, status, string, strings } from '../core/normalize.js'
import { asMessengerError, messengerScope } from '../core/options.js'
import { offerReconcile, outcomeUnknown } from '../core/reconcile.js'
import { Checks, dropUndefined, E164 } from '../core/validation.js'
import type {
  CallOptions,
  FactoryOptions,
  ListOptions,
  Message,
  MessageStatus,
  QuoListQuery,
  QuoMessenger,
  QuoMessengerOptions,
  RawMessages,
  ReconcileOptions,
  Reconciliation,
} from '../types.js'

export const QUO_CAPABILITIES = Object.freeze({
  send: true,
  broadcast: true,
  group: true,
  media: false,
  get: true,
  list: true,
} as const)

/** Quo's statuses; `undelivered` is a failure. */
export const QUO_STATUS: Readonly<Record<string, MessageStatus>> = {
  queued: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'failed',
  received: 'received',
}

const PHONE_NUMBER_ID = /^PN(.*)$/
const SENDER = { test: (text: string) => E164.test(text) || PHONE_NUMBER_ID.test(text) }
const USER_ID = /^US(.*)$/
const MESSAGE_ID = /^AC(.*)$/
const MAX_TEXT = 1600
const MAX_RECIPIENTS = 10
const OPTIONS = ['apiKey', 'from', 'phoneNumberId', 'baseUrl'] as const
const SEND_KEYS = ['to', 'text', 'from', 'userId', 'setInboxStatus', 'media']

type SendBody = {
  from: string
  to: string[]
  content: string
  userId?: string
  setInboxStatus?: 'done'
}

export type Mode = 'send' | 'broadcast'

/**
 * Quo request bodies, built as given (no checks): one for a send (to one recipient or a
 * group), one per recipient for a broadcast. Pure, so tests can send exactly this to the mock.
 */
export function quoSendBodies(
  input: Record<string, unknown>,
  defaults: { from: string },
  mode: Mode = 'send',
): SendBody[] {
  const base = dropUndefined({
    from: input.from ?? defaults.from,
    content: input.text,
    userId: input.userId,
    setInboxStatus: input.setInboxStatus,
  })
  if (mode === 'broadcast' && Array.isArray(input.to)) return input.to.map((to) => ({ ...base, to: [to] }) as SendBody)
  return [{ ...base, to: Array.isArray(input.to) ? input.to : [input.to] } as SendBody]
}

/** Checks a send or broadcast against Quo's rules; throws a ValidationError listing every problem. */
export function checkQuoSend(input: unknown, mode: Mode = 'send'): asserts input is Record<string, unknown> {
  const checks = new Checks('quo', 'send')
  if (!checks.object(input, '', mode === 'send' ? [...SEND_KEYS, 'delivery'] : SEND_KEYS)) return checks.done()
  const number = 'an E.164 number like +15555550123'
  if (mode === 'broadcast') {
    checks.broadcastRecipients(input.to, E164, number)
  } else if (Array.isArray(input.to)) {
    if (input.delivery !== 'group') {
      checks.add(
        'delivery',
        input.delivery === undefined ? 'required' : 'enum',
        "must be 'group' to send one message to a group conversation; for a message each, use broadcast()",
        input.delivery,
      )
    }
    const list = checks.array(input.to, 'to', { required: true, min: 1, max: MAX_RECIPIENTS })
    checks.eachMatches(list, 'to', E164, 'e164', number)
  } else {
    if (input.delivery !== undefined)
      checks.add('delivery', 'unsupported', "only 'group', with a list of recipients", input.delivery)
    checks.matches(input.to, 'to', E164, 'e164', number)
  }
  checks.text(input.text, 'text', { required: true, max: MAX_TEXT })
  checks.matches(input.from, 'from', SENDER, 'e164-or-id', 'an E.164 number or a Quo phone number id (PN…)', false)
  checks.matches(input.userId, 'userId', USER_ID, 'pattern', 'a Quo user id (US…)', false)
  checks.oneOf(input.setInboxStatus, 'setInboxStatus', ['done'] as const)
  if (input.media !== undefined)
    checks.add('media', 'unsupported', 'Quo sends text only: its API takes no media', input.media)
  checks.done()
}

/** Reads one of Quo's message objects. */
export function quoMessage(value: unknown, path: string): Message<'quo'> {
  const raw = object(value, path)
  const providerStatus = string(raw.status, `${path}.status`)
  return {
    id: string(raw.id, `${path}.id`),
    provider: 'quo',
    from: string(raw.from, `${path}.from`),
    to: strings(raw.to, `${path}.to`),
    text: string(raw.text, `${path}.text`),
    media: [],
    status: status(QUO_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'incoming' ? 'inbound' : 'outbound',
    createdAt: date(raw.createdAt),
    raw: raw as RawMessages['quo'],
  }
}

/** The message of a send's or a get's answer: `{ data: message }`. */
function messageIn(body: unknown): Message<'quo'> {
  return quoMessage(object(body, 'body').data, 'body.data')
}

function errorInfo(body: unknown) {
  const json = (body ?? {}) as Record<string, unknown>
  return {
    code: optionalString(json.code),
    title: optionalString(json.title),
    message: optionalString(json.message) ?? optionalString(json.description),
    requestId: optionalString(json.trace),
  }
}

/** Creates a Quo messenger (`provider` may be left out). */
export function createQuoMessenger(options: FactoryOptions<QuoMessengerOptions>): QuoMessenger {
  const { scope, common } = messengerScope('quo', options, OPTIONS, {
    name: 'Quo',
    credentials: 'apiKey',
    secrets: [options.apiKey],
    errorInfo,
  })
  let client: QuoClient
  try {
    client = createQuoClient({
      apiKey: options.apiKey,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(common.headers ? { headers: common.headers } : {}),
    })
  } catch (error) {
    throw asMessengerError('quo', 'createQuoClient', error)
  }
  const from = requireSender(options.from)
  const phoneNumberId = options.phoneNumberId ?? (PHONE_NUMBER_ID.test(from) ? from : undefined)
  if (phoneNumberId !== undefined && (typeof phoneNumberId !== 'string' || !PHONE_NUMBER_ID.test(phoneNumberId))) {
    throw new TypeError('createMessenger (quo): option "phoneNumberId" must be a Quo phone number id (PN…).')
  }

  async function sendOne(body: SendBody, callOptions: CallOptions | undefined) {
    const startedAt = Date.now()
    try {
      const answered = await call(scope, 'send', callOptions, false, (init: CallInit) =>
        client.POST('/v1/messages', { body, ...init }),
      )
      return read(scope, 'send', answered, messageIn)
    } catch (error) {
      if (outcomeUnknown(error))
        offerReconcile(error as TextbridgeError, (options) => reconcile(body, startedAt, options))
      throw error
    }
  }

  /**
   * Looks for the message among the conversation's messages since shortly before the send:
   * outgoing, to the same recipients, with the same text. (An identical text sent to them in
   * that window reads as this one.)
   */
  async function reconcile(
    body: SendBody,
    startedAt: number,
    options?: ReconcileOptions,
  ): Promise<Reconciliation<'quo'>> {
    const { windowMs = 120_000, ...callOptions } = options ?? {}
    const number = phoneNumberId ?? (PHONE_NUMBER_ID.test(body.from) ? body.from : undefined)
    try {
      const query = { participants: body.to, createdAfter: new Date(startedAt - windowMs) }
      for await (const message of listMessages(
        scope,
        client,
        query,
        { maxResults: 100, limit: 1000, ...callOptions },
        number,
      )) {
        const sameRecipients = message.to.length === body.to.length && body.to.every((to) => message.to.includes(to))
        if (message.direction === 'outbound' && message.text === body.content && sameRecipients) {
          return { outcome: 'sent', message }
        }
      }
      return { outcome: 'not-found' }
    } catch (error) {
      if (callOptions.signal?.aborted) throw error
      return { outcome: 'unknown', error }
    }
  }

  const messenger = {
    provider: 'quo' as const,
    capabilities: QUO_CAPABILITIES,
    async send(input: unknown, callOptions?: CallOptions) {
      checkQuoSend(input)
      return sendOne(quoSendBodies(input, { from })[0] as SendBody, callOptions)
    },
    async broadcast(input: unknown, callOptions?: CallOptions) {
      checkQuoSend(input, 'broadcast')
      // Checked once here: a bad option must not become a failure for every recipient.
      callSettings(scope, 'send', callOptions)
      const bodies = quoSendBodies(input, { from }, 'broadcast')
      return broadcast(
        'quo',
        bodies,
        (body) => body.to[0] as string,
        (body) => sendOne(body, callOptions),
        callOptions,
      )
    },
    async get(id: string, callOptions?: CallOptions) {
      const checks = new Checks('quo', 'get')
      checks.matches(id, 'id', MESSAGE_ID, 'pattern', 'a Quo message id (AC…)')
      checks.done()
      const answered = await call(scope, 'get', callOptions, true, (init: CallInit) =>
        client.GET('/v1/messages/{id}', { params: { path: { id } }, ...init }),
      )
      return read(scope, 'get', answered, messageIn)
    },
    list(query: QuoListQuery, listOptions?: ListOptions) {
      return listMessages(scope, client, query, listOptions, phoneNumberId)
    },
  }
  return messenger as QuoMessenger
}

function requireSender(from: unknown): string {
  if (typeof from !== 'string' || !SENDER.test(from)) {
    throw new TypeError(
      'createMessenger (quo): option "from" is required: your Quo number in E.164 (e.g. "+15555550100") or its id ("PN…").',
    )
  }
  return from
}

type QuoClient = ReturnType<typeof createQuoClient>

async function* listMessages(
  scope: Scope,
  client: QuoClient,
  query: QuoListQuery,
  options: ListOptions | undefined,
  defaultPhoneNumberId: string | undefined,
): AsyncGenerator<Message<'quo'>, void, undefined> {
  const params = quoListParams(query, options, defaultPhoneNumberId)
  callSettings(scope, 'list', options)
  const seen = new Set<string>()
  let pageToken: string | undefined
  let count = 0
  // The call options of each page: the list options less the paging ones (checked above).
  const { maxResults: _maxResults, limit: _limit, ...rest } = options ?? {}
  const callOptions: CallOptions | undefined = options && rest
  for (;;) {
    const answered = await call(scope, 'list', callOptions, true, (init: CallInit) =>
      client.GET('/v1/messages', {
        params: { query: { ...params.query, ...(pageToken === undefined ? {} : { pageToken }) } },
        ...init,
      }),
    )
    const page = read(scope, 'list', answered, (value) => {
      const body = object(value, 'body')
      if (!Array.isArray(body.data)) throw new ShapeError('body.data is not a list')
      return {
        messages: body.data.map((item, index) => quoMessage(item, `body.data[${index}]`)),
        next: optionalString(body.nextPageToken),
      }
    })
    for (const message of page.messages) {
      yield message
      if (++count >= params.limit) return
    }
    if (!page.next) return
    // A server that hands back a token it gave before would page forever.
    if (seen.has(page.next)) {
      throw providerFault(
        scope,
        'list',
        answered.response,
        `Quo returned the page token "${page.next}" a second time; stopped paging`,
      )
    }
    seen.add(page.next)
    pageToken = page.next
  }
}

/** Checks a list query and its options and turns them into Quo's query. Pure: no network. */
export function quoListParams(
  query: unknown,
  options: ListOptions | undefined,
  defaultPhoneNumberId: string | undefined,
) {
  const checks = new Checks('quo', 'list')
  const maxResults = options?.maxResults ?? 10
  const limit = options?.limit ?? Number.POSITIVE_INFINITY
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    checks.add('options.maxResults', 'range', 'must be a whole number from 1 to 100', maxResults)
  }
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 1)) {
    checks.add('options.limit', 'range', 'must be a whole number ≥ 1', limit)
  }
  if (!checks.object(query, '', ['participants', 'phoneNumberId', 'userId', 'createdAfter', 'createdBefore'])) {
    return checks.done() as never
  }
  const participants = checks.array(query.participants, 'participants', { required: true, min: 1, max: MAX_RECIPIENTS })
  checks.eachMatches(participants, 'participants', E164, 'e164', 'an E.164 number like +15555550123')
  const phoneNumberId =
    query.phoneNumberId === undefined
      ? defaultPhoneNumberId
      : checks.matches(query.phoneNumberId, 'phoneNumberId', PHONE_NUMBER_ID, 'pattern', 'a Quo phone number id (PN…)')
  if (phoneNumberId === undefined && query.phoneNumberId === undefined) {
    checks.add(
      'phoneNumberId',
      'required',
      'is required: pass it here, or phoneNumberId (or a PN… from) to createMessenger',
    )
  }
  const userId = checks.matches(query.userId, 'userId', USER_ID, 'pattern', 'a Quo user id (US…)', false)
  const createdAfter = isoDate(checks, query.createdAfter, 'createdAfter')
  const createdBefore = isoDate(checks, query.createdBefore, 'createdBefore')
  checks.done()
  return {
    limit,
    query: {
      phoneNumberId: phoneNumberId as string,
      participants: participants as string[],
      maxResults,
      ...(userId === undefined ? {} : { userId }),
      ...(createdAfter === undefined ? {} : { createdAfter }),
      ...(createdBefore === undefined ? {} : { createdBefore }),
    },
  }
}

function isoDate(checks: Checks, value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) checks.add(path, 'date', 'must be a valid date', value)
    else return value.toISOString()
    return undefined
  }
  const text = checks.string(value, path, false)
  if (
    text !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
      Number.isNaN(Date.parse(text)))
  ) {
    checks.add(path, 'date', 'must be a Date or an ISO 8601 date-time like 2022-01-01T00:00:00Z', text)
  }
  return text
}
