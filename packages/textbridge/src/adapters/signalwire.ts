// Everything the facade knows about SignalWire: request building and validation, status
// mapping, error bodies. Rules mirror specs/signalwire (after its overlay).
import {
  createMessageRules,
  type SignalWireClient,
  type SignalWireClientOptions,
  signalWireAuthorization,
  signalWireClientSettings,
} from '@textbridge/signalwire'
import type { Adapter, SendMode } from '../core/adapter.js'
import { eachRecipient } from '../core/broadcast.js'
import { createCallClient } from '../core/client.js'
import type { Problem } from '../core/errors.js'
import { createFromAdapter } from '../core/messenger.js'
import { mapStatus, optionalString, readDate, readObject, readString, readStrings, segmentsOf } from '../core/read.js'
import type { FactoryOptions, MessageStatus } from '../core/types.js'
import { Checks, dropUndefined, throwProblems } from '../core/validation.js'
import {
  SIGNALWIRE_CAPABILITIES,
  type SignalWireMessage,
  type SignalWireMessenger,
  type SignalWireMessengerOptions,
  type SignalWireRawMessage,
} from './signalwire-types.js'

/** SignalWire's statuses; `initiated` is on its way, `read` (WhatsApp) was delivered. */
export const SIGNALWIRE_STATUS: Readonly<Record<string, MessageStatus>> = {
  queued: 'queued',
  initiated: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
} satisfies Record<SignalWireRawMessage['status'], MessageStatus>

// SignalWire's rules, read from its spec (packages/signalwire/src/generated/rules.ts).
// The SMS/MMS branch of the request (the first of its anyOf; the facade sends SMS and MMS).
const SEND = createMessageRules.body.anyOf[0].properties
/** `+` and 5 to 17 digits, or the 988 passthrough number. */
const RECIPIENT = new RegExp(SEND.to.pattern)
/** `+` and 5 to 17 digits, or a short code of 5 or 6 digits. */
const SENDER = new RegExp(SEND.from.pattern)
const SEND_KEYS = ['to', 'text', 'media', 'from', 'statusCallback', 'sendAsMms']

type SendBody = {
  to: string
  from: string
  body?: string
  media?: string[]
  status_callback?: string
  send_as_mms?: boolean
}

interface State {
  /** The facade's client, typed by SignalWire's spec (the call below is checked against it). */
  client: Pick<SignalWireClient, 'POST'>
  from: string
}

/** SignalWire request bodies for a send, one per recipient, built as given (no checks). */
export function signalWireSendBodies(input: Record<string, unknown>, defaults: { from: string }): SendBody[] {
  const base = dropUndefined({
    from: input.from ?? defaults.from,
    body: input.text,
    media: input.media,
    status_callback: input.statusCallback,
    send_as_mms: input.sendAsMms,
  })
  const recipients = Array.isArray(input.to) ? input.to : [input.to]
  return recipients.map((to) => ({ ...base, to }) as SendBody)
}

/** Every problem of a send or broadcast by SignalWire's rules. */
function sendProblems(input: unknown, mode: SendMode): Problem[] {
  const checks = new Checks('signalwire', 'send')
  if (!checks.object(input, '', SEND_KEYS)) return checks.problems
  const recipient = 'an E.164 number (+ and 5 to 17 digits) or 988'
  if (mode === 'broadcast') checks.broadcastRecipients(input.to, RECIPIENT, recipient)
  else
    checks.oneRecipient(
      input.to,
      RECIPIENT,
      recipient,
      'must be one recipient: SignalWire sends one message per recipient, so use broadcast()',
    )
  const media = checks.array(input.media, 'media', { required: false, max: SEND.media.maxItems })
  media?.forEach((url, index) => {
    checks.httpUrl(url, `media[${index}]`)
  })
  if (input.text === undefined && (media === undefined || media.length === 0)) {
    checks.add('text', 'required', 'is required unless there is media')
  } else {
    checks.text(input.text, 'text', { required: false, max: SEND.body.maxLength })
  }
  checks.matches(
    input.from,
    'from',
    SENDER,
    'e164-or-short-code',
    'an E.164 number or a short code (5 or 6 digits)',
    false,
  )
  checks.httpUrl(input.statusCallback, 'statusCallback', false)
  checks.boolean(input.sendAsMms, 'sendAsMms')
  return checks.problems
}

/** Checks a send or broadcast against SignalWire's rules; throws a ValidationError listing every problem. */
export function checkSignalWireSend(input: unknown, mode: SendMode = 'send'): asserts input is Record<string, unknown> {
  throwProblems('signalwire', 'send', sendProblems(input, mode))
}

/** Reads SignalWire's message object. */
export function signalWireMessage(value: unknown, path: string): SignalWireMessage {
  const raw = readObject(value, path)
  const providerStatus = readString(raw.status, `${path}.status`)
  const text = readString(raw.body, `${path}.body`)
  return {
    id: readString(raw.id, `${path}.id`),
    provider: 'signalwire',
    from: readString(raw.from, `${path}.from`),
    to: [readString(raw.to, `${path}.to`)],
    text,
    media: raw.media === undefined ? [] : readStrings(raw.media, `${path}.media`),
    status: mapStatus(SIGNALWIRE_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'inbound' ? 'inbound' : 'outbound',
    createdAt: readDate(raw.created_at),
    segments: segmentsOf(text, raw.number_of_segments),
    raw: raw as SignalWireRawMessage,
  }
}

function errorInfo(body: unknown) {
  const json = (body ?? {}) as Record<string, unknown>
  const errors = Array.isArray(json.errors) ? (json.errors as Record<string, unknown>[]) : []
  const first = errors[0] ?? {}
  return {
    code: optionalString(first.code),
    title: optionalString(json.error) ?? optionalString(first.type),
    message:
      errors
        .map((error) => [optionalString(error.attribute), optionalString(error.message)].filter(Boolean).join(': '))
        .filter(Boolean)
        .join('; ') || undefined,
  }
}

/** SignalWire, described for the core. */
export const signalwire = {
  provider: 'signalwire',
  name: 'SignalWire',
  capabilities: SIGNALWIRE_CAPABILITIES,
  options: ['projectId', 'apiToken', 'from', 'space', 'baseUrl'],
  credentials: 'projectId and apiToken',
  secrets: ({ projectId, apiToken }) => [
    apiToken,
    typeof projectId === 'string' && typeof apiToken === 'string'
      ? signalWireAuthorization(projectId, apiToken)
      : undefined,
  ],
  errorInfo,
  setup(options, kit) {
    const client = kit.client(
      () =>
        createCallClient(
          signalWireClientSettings({
            projectId: options.projectId,
            apiToken: options.apiToken,
            ...(options.space === undefined ? {} : { space: options.space }),
            ...kit.shared,
          } as SignalWireClientOptions),
        ) as State['client'],
    )
    const { from } = options
    if (typeof from !== 'string' || !SENDER.test(from)) {
      kit.problem('option "from" is required: a number of your project in E.164 (e.g. "+15555550100") or a short code.')
      return undefined
    }
    return client && { client, from }
  },
  send: {
    problems: sendProblems,
    fanOut: eachRecipient,
    bodies: (input, state) => signalWireSendBodies(input, state),
    recipients: (body) => [body.to],
    post: (state, body, init) => state.client.POST('/api/messaging/messages', { body, ...init }),
    read: (body) => [signalWireMessage(body, 'body')],
  },
} satisfies Adapter<
  'signalwire',
  FactoryOptions<SignalWireMessengerOptions>,
  State,
  SendBody,
  SignalWireMessage,
  typeof SIGNALWIRE_CAPABILITIES,
  object
>

/** Creates a SignalWire messenger (`provider` may be left out). */
export function createSignalWireMessenger(options: FactoryOptions<SignalWireMessengerOptions>): SignalWireMessenger {
  return createFromAdapter(signalwire, options) satisfies SignalWireMessenger
}
