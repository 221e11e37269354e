// Everything the facade knows about SignalWire: options, request building and validation,
// status mapping, error bodies. Rules mirror specs/signalwire (after its overlay).
import { createSignalWireClient } from '@textbridge/signalwire'
import { broadcast } from '../core/broadcast.js'
import { type CallInit, call, callSettings, read } from '../core/call.js'
import { date, object, optionalString, status, string, strings } from '../core/normalize.js'
import { asMessengerError, messengerScope } from '../core/options.js'
import { Checks, dropUndefined } from '../core/validation.js'
import type {
  CallOptions,
  FactoryOptions,
  Message,
  MessageStatus,
  RawMessages,
  SignalWireMessenger,
  SignalWireMessengerOptions,
} from '../types.js'

export const SIGNALWIRE_CAPABILITIES = Object.freeze({
  send: true,
  broadcast: true,
  group: false,
  media: true,
  get: false,
  list: false,
} as const)

/** SignalWire's statuses; `initiated` is on its way, `read` (WhatsApp) was delivered. */
export const SIGNALWIRE_STATUS: Readonly<Record<string, MessageStatus>> = {
  queued: 'queued',
  initiated: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
}

/** `+` and 5 to 17 digits, or the 988 passthrough number. */
const RECIPIENT = /^(\+[0-9]{5,17}|\+?988)$/
/** `+` and 5 to 17 digits, or a short code of 5 or 6 digits. */
const SENDER = /^(\+[0-9]{5,17}|[0-9]{5,6})$/
const MAX_TEXT = 1600
const MAX_MEDIA = 8
const OPTIONS = ['projectId', 'apiToken', 'from', 'space', 'baseUrl'] as const
const SEND_KEYS = ['to', 'text', 'media', 'from', 'statusCallback', 'sendAsMms']

type SendBody = {
  to: string
  from: string
  body?: string
  media?: string[]
  status_callback?: string
  send_as_mms?: boolean
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

/** Checks a send or broadcast against SignalWire's rules; throws a ValidationError listing every problem. */
export function checkSignalWireSend(
  input: unknown,
  mode: 'send' | 'broadcast' = 'send',
): asserts input is Record<string, unknown> {
  const checks = new Checks('signalwire', 'send')
  if (!checks.object(input, '', SEND_KEYS)) return checks.done()
  const recipient = 'an E.164 number (+ and 5 to 17 digits) or 988'
  if (mode === 'broadcast') checks.broadcastRecipients(input.to, RECIPIENT, recipient)
  else
    checks.oneRecipient(
      input.to,
      RECIPIENT,
      recipient,
      'must be one recipient: SignalWire sends one message per recipient, so use broadcast()',
    )
  const media = checks.array(input.media, 'media', { required: false, max: MAX_MEDIA })
  media?.forEach((url, index) => {
    checks.httpUrl(url, `media[${index}]`)
  })
  if (input.text === undefined && (media === undefined || media.length === 0)) {
    checks.add('text', 'required', 'is required unless there is media')
  } else {
    checks.text(input.text, 'text', { required: false, max: MAX_TEXT })
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
  checks.done()
}

/** Reads SignalWire's message object. */
export function signalWireMessage(value: unknown, path: string): Message<'signalwire'> {
  const raw = object(value, path)
  const providerStatus = string(raw.status, `${path}.status`)
  return {
    id: string(raw.id, `${path}.id`),
    provider: 'signalwire',
    from: string(raw.from, `${path}.from`),
    to: [string(raw.to, `${path}.to`)],
    text: string(raw.body, `${path}.body`),
    media: raw.media === undefined ? [] : strings(raw.media, `${path}.media`),
    status: status(SIGNALWIRE_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'inbound' ? 'inbound' : 'outbound',
    createdAt: date(raw.created_at),
    raw: raw as RawMessages['signalwire'],
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

/** Creates a SignalWire messenger (`provider` may be left out). */
export function createSignalWireMessenger(options: FactoryOptions<SignalWireMessengerOptions>): SignalWireMessenger {
  const { scope, common } = messengerScope('signalwire', options, OPTIONS, {
    name: 'SignalWire',
    credentials: 'projectId and apiToken',
    secrets: [options.apiToken, ...basicForms(options.projectId, options.apiToken)],
    errorInfo,
  })
  let client: ReturnType<typeof createSignalWireClient>
  try {
    client = createSignalWireClient({
      projectId: options.projectId,
      apiToken: options.apiToken,
      ...(options.space === undefined ? {} : { space: options.space }),
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(common.headers ? { headers: common.headers } : {}),
    } as Parameters<typeof createSignalWireClient>[0])
  } catch (error) {
    throw asMessengerError('signalwire', 'createSignalWireClient', error)
  }
  const from = options.from
  if (typeof from !== 'string' || !SENDER.test(from)) {
    throw new TypeError(
      'createMessenger (signalwire): option "from" is required: a number of your project in E.164 (e.g. "+15555550100") or a short code.',
    )
  }

  async function sendOne(body: SendBody, callOptions: CallOptions | undefined) {
    const answered = await call(scope, 'send', callOptions, false, (init: CallInit) =>
      client.POST('/api/messaging/messages', { body, ...init }),
    )
    return read(scope, 'send', answered, (value) => signalWireMessage(value, 'body'))
  }

  const messenger = {
    provider: 'signalwire' as const,
    capabilities: SIGNALWIRE_CAPABILITIES,
    async send(input: unknown, callOptions?: CallOptions) {
      checkSignalWireSend(input)
      return sendOne(signalWireSendBodies(input, { from })[0] as SendBody, callOptions)
    },
    async broadcast(input: unknown, callOptions?: CallOptions) {
      checkSignalWireSend(input, 'broadcast')
      // Checked once here: a bad option must not become a failure for every recipient.
      callSettings(scope, 'send', callOptions)
      const bodies = signalWireSendBodies(input, { from })
      return broadcast(
        'signalwire',
        bodies,
        (body) => body.to,
        (body) => sendOne(body, callOptions),
        callOptions,
      )
    },
  }
  return messenger as SignalWireMessenger
}

/** The Basic auth header and its base64 part, as an error body might echo them. */
function basicForms(projectId: unknown, apiToken: unknown): string[] {
  if (typeof projectId !== 'string' || typeof apiToken !== 'string') return []
  const bytes = new TextEncoder().encode(`${projectId}:${apiToken}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  const encoded = btoa(binary)
  return [`Basic ${encoded}`, encoded]
}
