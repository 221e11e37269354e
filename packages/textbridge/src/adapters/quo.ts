// Everything the facade knows about Quo: request building and validation, status mapping,
// error bodies, looking messages up. Rules mirror specs/quo (after its overlay).
import {
  getMessageByIdV1Rules,
  listMessagesV1Rules,
  type QuoClient,
  quoAuthorization,
  quoClientSettings,
  sendMessageV1Rules,
} from '@textbridge/quo'
import type { Adapter, MessengerCore, SendMode } from '../core/adapter.js'
import { eachRecipient } from '../core/broadcast.js'
import type { CallInit } from '../core/call.js'
import { createCallClient } from '../core/client.js'
import type { Problem } from '../core/errors.js'
import { createFromAdapter } from '../core/messenger.js'
import { paginate } from '../core/paginate.js'
import {
  mapStatus,
  optionalString,
  readDate,
  readObject,
  readString,
  readStrings,
  ShapeError,
  segmentsOf,
} from '../core/read.js'
import type { FactoryOptions, ListOptions, MessageStatus, ReconcileOptions } from '../core/types.js'
import { Checks, dropUndefined, throwProblems } from '../core/validation.js'
import {
  QUO_CAPABILITIES,
  type QuoListQuery,
  type QuoMessage,
  type QuoMessenger,
  type QuoMessengerOptions,
  type QuoRawMessage,
  type QuoReconciliation,
} from './quo-types.js'

/** Quo's statuses; `undelivered` is a failure. */
export const QUO_STATUS: Readonly<Record<string, MessageStatus>> = {
  queued: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'failed',
  received: 'received',
} satisfies Record<QuoRawMessage['status'], MessageStatus>

// Quo's rules, read from its spec (packages/quo/src/generated/rules.ts).
const SEND = sendMessageV1Rules.body.properties
const LIST = listMessagesV1Rules.query
const E164 = new RegExp(SEND.to.items.pattern)
const PHONE_NUMBER_ID = new RegExp(LIST.phoneNumberId.pattern)
const SENDERS = SEND.from.anyOf.map((branch) => new RegExp(branch.pattern))
const SENDER = { test: (text: string) => SENDERS.some((pattern) => pattern.test(text)) }
const USER_ID = new RegExp(SEND.userId.pattern)
const MESSAGE_ID = new RegExp(getMessageByIdV1Rules.path.id.pattern)
/** Quo's page size: its spec's default and maximum of `maxResults`. */
const PAGE = { default: LIST.maxResults.default, min: LIST.maxResults.minimum, max: LIST.maxResults.maximum }
/** How far before a send reconcile() looks, by default. */
export const DEFAULT_RECONCILE_WINDOW_MS = 120_000
const SEND_KEYS = ['to', 'text', 'from', 'userId', 'setInboxStatus', 'media']

type SendBody = {
  from: string
  to: string[]
  content: string
  userId?: string
  setInboxStatus?: 'done'
}

interface State {
  /** The facade's client, typed by Quo's spec (the calls below are checked against it). */
  client: Pick<QuoClient, 'GET' | 'POST'>
  from: string
  phoneNumberId: string | undefined
}

/**
 * Quo request bodies, built as given (no checks): one for a send (to one recipient or a
 * group), one per recipient for a broadcast. Pure, so tests can send exactly this to the mock.
 */
export function quoSendBodies(
  input: Record<string, unknown>,
  defaults: { from: string },
  mode: SendMode = 'send',
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

/** Every problem of a send or broadcast by Quo's rules. */
function sendProblems(input: unknown, mode: SendMode): Problem[] {
  const checks = new Checks('quo', 'send')
  if (!checks.object(input, '', mode === 'send' ? [...SEND_KEYS, 'delivery'] : SEND_KEYS)) return checks.problems
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
    const list = checks.array(input.to, 'to', { required: true, min: SEND.to.minItems, max: SEND.to.maxItems })
    checks.eachMatches(list, 'to', E164, 'e164', number)
  } else {
    if (input.delivery !== undefined)
      checks.add('delivery', 'unsupported', "only 'group', with a list of recipients", input.delivery)
    checks.matches(input.to, 'to', E164, 'e164', number)
  }
  checks.text(input.text, 'text', { required: true, max: SEND.content.maxLength })
  checks.matches(input.from, 'from', SENDER, 'e164-or-id', 'an E.164 number or a Quo phone number id (PN…)', false)
  checks.matches(input.userId, 'userId', USER_ID, 'pattern', 'a Quo user id (US…)', false)
  checks.oneOf(input.setInboxStatus, 'setInboxStatus', SEND.setInboxStatus.enum)
  if (input.media !== undefined)
    checks.add('media', 'unsupported', 'Quo sends text only: its API takes no media', input.media)
  return checks.problems
}

/** Checks a send or broadcast against Quo's rules; throws a ValidationError listing every problem. */
export function checkQuoSend(input: unknown, mode: SendMode = 'send'): asserts input is Record<string, unknown> {
  throwProblems('quo', 'send', sendProblems(input, mode))
}

/** Reads one of Quo's message objects. */
export function quoMessage(value: unknown, path: string): QuoMessage {
  const raw = readObject(value, path)
  const providerStatus = readString(raw.status, `${path}.status`)
  const text = readString(raw.text, `${path}.text`)
  return {
    id: readString(raw.id, `${path}.id`),
    provider: 'quo',
    from: readString(raw.from, `${path}.from`),
    to: readStrings(raw.to, `${path}.to`),
    text,
    media: [],
    status: mapStatus(QUO_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'incoming' ? 'inbound' : 'outbound',
    createdAt: readDate(raw.createdAt),
    segments: segmentsOf(text),
    raw: raw as QuoRawMessage,
  }
}

/** The message of a send's or a get's answer: `{ data: message }`. */
function messageIn(body: unknown): QuoMessage {
  return quoMessage(readObject(body, 'body').data, 'body.data')
}

/**
 * Looks for the message among the conversation's messages since shortly before the send:
 * outgoing, to the same recipients, with the same text. (An identical text sent to them in
 * that window reads as this one.)
 */
async function reconcile(
  core: MessengerCore<State>,
  body: SendBody,
  startedAt: number,
  options: ReconcileOptions | undefined,
): Promise<QuoReconciliation> {
  const { windowMs = DEFAULT_RECONCILE_WINDOW_MS, ...callOptions } = options ?? {}
  const number = core.state.phoneNumberId ?? (PHONE_NUMBER_ID.test(body.from) ? body.from : undefined)
  try {
    const query = { participants: body.to, createdAfter: new Date(startedAt - windowMs) }
    for await (const message of listMessages(
      core,
      query,
      { maxResults: PAGE.max, limit: 1000, ...callOptions },
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

async function* listMessages(
  core: MessengerCore<State>,
  query: unknown,
  options: ListOptions | undefined,
  defaultPhoneNumberId: string | undefined,
): AsyncGenerator<QuoMessage, void, undefined> {
  const problems: Problem[] = []
  const params = listParams(problems, query, options, defaultPhoneNumberId)
  const settings = core.settle('list', options, problems, ['maxResults', 'limit'])
  yield* paginate(
    async (pageToken) => {
      const success = await core.call(settings, (init: CallInit) =>
        core.state.client.GET('/v1/messages', {
          params: { query: { ...params.query, ...(pageToken === undefined ? {} : { pageToken }) } },
          ...init,
        }),
      )
      return core.read(settings, success, (value) => {
        const body = readObject(value, 'body')
        if (!Array.isArray(body.data)) throw new ShapeError('body.data is not a list')
        return {
          items: body.data.map((item, index) => quoMessage(item, `body.data[${index}]`)),
          next: optionalString(body.nextPageToken),
          response: success.response,
        }
      })
    },
    params.limit,
    (token, page) =>
      core.fault(settings, page.response, `Quo returned the page token "${token}" a second time; stopped paging`),
  )
}

/** Checks a list query and its options and turns them into Quo's query. Pure: no network. */
export function quoListParams(
  query: unknown,
  options: ListOptions | undefined,
  defaultPhoneNumberId: string | undefined,
) {
  const problems: Problem[] = []
  const params = listParams(problems, query, options, defaultPhoneNumberId)
  throwProblems('quo', 'list', problems)
  return params
}

function listParams(
  problems: Problem[],
  query: unknown,
  options: ListOptions | undefined,
  defaultPhoneNumberId: string | undefined,
) {
  const checks = new Checks('quo', 'list', problems)
  const maxResults = options?.maxResults ?? PAGE.default
  const limit = options?.limit ?? Number.POSITIVE_INFINITY
  if (!Number.isInteger(maxResults) || maxResults < PAGE.min || maxResults > PAGE.max) {
    checks.add('options.maxResults', 'range', `must be a whole number from ${PAGE.min} to ${PAGE.max}`, maxResults)
  }
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 1)) {
    checks.add('options.limit', 'range', 'must be a whole number ≥ 1', limit)
  }
  const fields = checks.object(query, '', ['participants', 'phoneNumberId', 'userId', 'createdAfter', 'createdBefore'])
    ? query
    : {}
  // The spec requires participants but sets no minimum: an empty list names no conversation
  // (Quo's "List messages" page: "the phone numbers of the other participants").
  const participants = checks.array(fields.participants, 'participants', {
    required: true,
    min: 1,
    max: LIST.participants.maxItems,
  })
  checks.eachMatches(
    participants,
    'participants',
    new RegExp(LIST.participants.items.pattern),
    'e164',
    'an E.164 number like +15555550123',
  )
  const phoneNumberId =
    fields.phoneNumberId === undefined
      ? defaultPhoneNumberId
      : checks.matches(fields.phoneNumberId, 'phoneNumberId', PHONE_NUMBER_ID, 'pattern', 'a Quo phone number id (PN…)')
  if (phoneNumberId === undefined && fields.phoneNumberId === undefined) {
    checks.add(
      'phoneNumberId',
      'required',
      'is required: pass it here, or phoneNumberId (or a PN… from) to createMessenger',
    )
  }
  const userId = checks.matches(fields.userId, 'userId', USER_ID, 'pattern', 'a Quo user id (US…)', false)
  const createdAfter = isoDate(checks, fields.createdAfter, 'createdAfter')
  const createdBefore = isoDate(checks, fields.createdBefore, 'createdBefore')
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

function errorInfo(body: unknown) {
  const json = (body ?? {}) as Record<string, unknown>
  return {
    code: optionalString(json.code),
    title: optionalString(json.title),
    message: optionalString(json.message) ?? optionalString(json.description),
    requestId: optionalString(json.trace),
  }
}

/** Quo, described for the core. */
export const quo = {
  provider: 'quo',
  name: 'Quo',
  capabilities: QUO_CAPABILITIES,
  options: ['apiKey', 'from', 'phoneNumberId', 'baseUrl'],
  credentials: 'apiKey',
  secrets: (options) => [
    options.apiKey,
    typeof options.apiKey === 'string' ? quoAuthorization(options.apiKey) : undefined,
  ],
  errorInfo,
  setup(options, kit) {
    const client = kit.client(
      () => createCallClient(quoClientSettings({ apiKey: options.apiKey, ...kit.shared })) as State['client'],
    )
    const from = options.from
    if (typeof from !== 'string' || !SENDER.test(from)) {
      kit.problem('option "from" is required: your Quo number in E.164 (e.g. "+15555550100") or its id ("PN…").')
      return undefined
    }
    const phoneNumberId = options.phoneNumberId ?? (PHONE_NUMBER_ID.test(from) ? from : undefined)
    if (phoneNumberId !== undefined && (typeof phoneNumberId !== 'string' || !PHONE_NUMBER_ID.test(phoneNumberId))) {
      kit.problem('option "phoneNumberId" must be a Quo phone number id (PN…).')
      return undefined
    }
    return client && { client, from, phoneNumberId }
  },
  send: {
    problems: sendProblems,
    fanOut: eachRecipient,
    bodies: (input, state, mode) => quoSendBodies(input, state, mode),
    recipients: (body) => body.to,
    post: (state, body, init) => state.client.POST('/v1/messages', { body, ...init }),
    read: (body) => [messageIn(body)],
    reconcile,
  },
  methods: (core) => ({
    async get(id: string, callOptions?: unknown) {
      const checks = new Checks('quo', 'get')
      checks.matches(id, 'id', MESSAGE_ID, 'pattern', 'a Quo message id (AC…)')
      const settings = core.settle('get', callOptions, checks.problems)
      const success = await core.call(settings, (init) =>
        core.state.client.GET('/v1/messages/{id}', { params: { path: { id } }, ...init }),
      )
      return core.read(settings, success, messageIn)
    },
    list: (query: QuoListQuery, listOptions?: ListOptions) =>
      listMessages(core, query, listOptions, core.state.phoneNumberId),
  }),
} satisfies Adapter<
  'quo',
  FactoryOptions<QuoMessengerOptions>,
  State,
  SendBody,
  QuoMessage,
  typeof QUO_CAPABILITIES,
  object
>

/** Creates a Quo messenger (`provider` may be left out). */
export function createQuoMessenger(options: FactoryOptions<QuoMessengerOptions>): QuoMessenger {
  return createFromAdapter(quo, options) satisfies QuoMessenger
}
