// Everything the facade knows about TextUs: request building and validation, status mapping,
// error bodies. Rules mirror specs/textus (our spec, written from TextUs's docs).
import { sendMessageRules, type TextUsClient, textUsAuthorization, textUsClientSettings } from '@textbridge/textus'
import type { Adapter, SendMode } from '../core/adapter.js'
import { oneRequest } from '../core/broadcast.js'
import { createCallClient } from '../core/client.js'
import type { Problem } from '../core/errors.js'
import { createFromAdapter } from '../core/messenger.js'
import { mapStatus, optionalString, readDate, readObject, readString, segmentsOf } from '../core/read.js'
import type { AcceptedMessage, FactoryOptions, MessageStatus } from '../core/types.js'
import { Checks, dropUndefined, isPlainObject, throwProblems } from '../core/validation.js'
import {
  TEXTUS_CAPABILITIES,
  type TextUsMessage,
  type TextUsMessenger,
  type TextUsMessengerOptions,
  type TextUsRawMessage,
} from './textus-types.js'

/**
 * TextUs documents one delivery state, `delivered`. Other values are taken by name when they
 * are one of ours; anything else is 'unknown'.
 */
export const TEXTUS_STATUS: Readonly<Record<string, MessageStatus>> = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  received: 'received',
}

/**
 * The attachment types TextUs supports, by file extension. Its spec says this only in prose
 * (the `content_type` description, from https://docs.textus.com's "Send a message" page).
 */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  rtf: 'application/rtf',
  pdf: 'application/pdf',
  ics: 'text/calendar',
  vcf: 'text/vcard',
  vcard: 'text/vcard',
}
// TextUs's rules, read from our spec of its API (packages/textus/src/generated/rules.ts).
const [TEXT, TEMPLATE] = sendMessageRules.body.anyOf
const E164 = new RegExp(TEXT.properties.to.oneOf[0].pattern)
const ATTACHMENTS = TEXT.properties.attachments
const ALLOWED_TYPES: readonly string[] = ATTACHMENTS.items.properties.content_type.enum
const SAVED_REPLY = new RegExp(TEXT.properties.saved_reply.pattern)
const SEND_KEYS = ['to', 'text', 'media', 'channel', 'savedReply', 'template']

type Attachment = { media_url: unknown; content_type: unknown }
type SendBody = Record<string, unknown> & { to: string | string[] }

interface State {
  /** The facade's client, typed by the TextUs spec (the call below is checked against it). */
  client: Pick<TextUsClient, 'POST'>
  account: string
}

/** The MIME type of a media entry: the one given, or the one its URL's extension names. */
function contentTypeOf(entry: unknown): unknown {
  if (isPlainObject(entry)) return entry.contentType ?? contentTypeOf(entry.url)
  if (typeof entry !== 'string') return undefined
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(entry)?.[1]?.toLowerCase()
  return extension === undefined ? undefined : MEDIA_TYPES[extension]
}

/** The TextUs request body of a send (one request, even for several recipients), as given. */
export function textUsSendBody(input: Record<string, unknown>): SendBody {
  const attachments: Attachment[] | undefined = Array.isArray(input.media)
    ? input.media.map((entry) => ({
        media_url: isPlainObject(entry) ? entry.url : entry,
        content_type: contentTypeOf(entry),
      }))
    : undefined
  const template = isPlainObject(input.template)
    ? dropUndefined({ id: input.template.id, variable_values: input.template.variables })
    : input.template
  return dropUndefined({
    to: input.to,
    body: input.text,
    saved_reply: input.savedReply,
    attachments,
    channel: input.channel,
    template,
  }) as SendBody
}

/** Every problem of a send or broadcast by TextUs's rules. */
function sendProblems(input: unknown, mode: SendMode): Problem[] {
  const checks = new Checks('textus', 'send')
  if (!checks.object(input, '', SEND_KEYS)) return checks.problems
  const number = 'an E.164 number like +13035551234'
  if (mode === 'broadcast') checks.broadcastRecipients(input.to, E164, number)
  else checks.oneRecipient(input.to, E164, number, 'must be one recipient: for a message each, use broadcast()')
  const channel = checks.oneOf(input.channel, 'channel', TEXT.properties.channel.enum)
  if (input.template !== undefined) {
    if (channel !== 'whatsapp' && input.channel === undefined) {
      checks.add('channel', 'required', "must be 'whatsapp' to send a template (templates are WhatsApp only)")
    } else if (channel === 'sms') {
      checks.add(
        'channel',
        'template-channel',
        "must be 'whatsapp' to send a template (templates are WhatsApp only)",
        channel,
      )
    }
    if (checks.object(input.template, 'template', ['id', 'variables'])) {
      const id = checks.string(input.template.id, 'template.id', true)
      if (id !== undefined && id.length < TEMPLATE.properties.template.properties.id.minLength)
        checks.add('template.id', 'min-length', 'must not be empty', id)
      const variables = input.template.variables
      if (variables !== undefined) {
        if (!isPlainObject(variables))
          checks.add('template.variables', 'type', 'must be an object of variable names to values', variables)
        else
          for (const [name, value] of Object.entries(variables))
            checks.string(value, `template.variables.${name}`, true)
      }
    }
    checks.string(input.text, 'text', false)
    if (input.media !== undefined) checks.add('media', 'unsupported', 'a template carries no attachment', input.media)
    if (input.savedReply !== undefined)
      checks.add('savedReply', 'unsupported', 'a template cannot come from a saved reply')
  } else {
    checks.text(input.text, 'text', { required: true })
    const media = checks.array(input.media, 'media', {
      required: false,
      min: ATTACHMENTS.minItems,
      max: ATTACHMENTS.maxItems,
    })
    media?.forEach((entry, index) => {
      const path = `media[${index}]`
      const url = isPlainObject(entry) ? entry.url : entry
      if (isPlainObject(entry)) checks.object(entry, path, ['url', 'contentType'])
      checks.httpUrl(url, isPlainObject(entry) ? `${path}.url` : path)
      const type = contentTypeOf(entry)
      if (type === undefined) {
        checks.add(
          path,
          'media-type',
          `needs its MIME type: TextUs takes ${ALLOWED_TYPES.join(', ')}; pass { url, contentType }`,
          entry,
        )
      } else if (typeof type !== 'string' || !ALLOWED_TYPES.includes(type)) {
        checks.add(`${path}.contentType`, 'enum', `must be one of ${ALLOWED_TYPES.join(', ')}`, type)
      }
    })
    checks.matches(
      input.savedReply,
      'savedReply',
      SAVED_REPLY,
      'pattern',
      'a saved reply like /saved_replies/QxvonQv',
      false,
    )
  }
  return checks.problems
}

/** Checks a send or broadcast against TextUs's rules; throws a ValidationError listing every problem. */
export function checkTextUsSend(input: unknown, mode: SendMode = 'send'): asserts input is Record<string, unknown> {
  throwProblems('textus', 'send', sendProblems(input, mode))
}

/** Reads TextUs's message object. `to` is not in it: it is the request's. */
export function textUsMessage(value: unknown, path: string, context: { account: string; to: string[] }): TextUsMessage {
  const raw = readObject(value, path)
  const providerStatus = readString(raw.deliveryState, `${path}.deliveryState`)
  const attachments = raw.attachments === undefined ? undefined : readObject(raw.attachments, `${path}.attachments`)
  const members = attachments && Array.isArray(attachments.members) ? attachments.members : []
  const text = readString(raw.body, `${path}.body`)
  return {
    id: readString(raw.id, `${path}.id`),
    provider: 'textus',
    from: context.account,
    to: context.to,
    text,
    media: members.map((member, index) =>
      readString(readObject(member, `${path}.attachments.members[${index}]`).url, 'url'),
    ),
    status: mapStatus(TEXTUS_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'in' ? 'inbound' : 'outbound',
    createdAt: readDate(raw.displayTimestamp ?? raw.timelinePosition),
    segments: segmentsOf(text),
    raw: raw as TextUsRawMessage,
  }
}

function accepted(account: string, to: string, body: unknown, media: string[]): AcceptedMessage<'textus'> {
  const text = typeof body === 'string' ? body : ''
  return {
    id: undefined,
    provider: 'textus',
    from: account,
    to: [to],
    text,
    media,
    status: 'queued',
    providerStatus: 'accepted',
    direction: 'outbound',
    createdAt: new Date(),
    segments: segmentsOf(text),
    raw: undefined,
  }
}

/**
 * What the answer to one request says, a result per recipient: TextUs answers 202 with no
 * body for several recipients (and a saved reply), and the message for one.
 */
function readSent(body: unknown, request: SendBody, state: State): (TextUsMessage | AcceptedMessage<'textus'>)[] {
  const recipients = Array.isArray(request.to) ? request.to : [request.to]
  if (body === undefined) {
    const media = Array.isArray(request.attachments)
      ? request.attachments.map((a) => String((a as Attachment).media_url))
      : []
    return recipients.map((to) => accepted(state.account, to, request.body, media))
  }
  const message = textUsMessage(body, 'body', { account: state.account, to: recipients })
  return recipients.length === 1 ? [message] : recipients.map((to) => accepted(state.account, to, request.body, []))
}

function errorInfo(body: unknown) {
  const json = (body ?? {}) as Record<string, unknown>
  return {
    title: optionalString(json['hydra:title']) ?? optionalString(json.title) ?? optionalString(json.error),
    message: optionalString(json['hydra:description']) ?? optionalString(json.message) ?? optionalString(json.detail),
  }
}

/** TextUs, described for the core. */
export const textus = {
  provider: 'textus',
  name: 'TextUs',
  capabilities: TEXTUS_CAPABILITIES,
  options: ['token', 'account', 'baseUrl'],
  credentials: 'token',
  secrets: ({ token }) => [token, typeof token === 'string' ? textUsAuthorization(token) : undefined],
  errorInfo,
  setup(options, kit) {
    const client = kit.client(() => {
      const { account, ...settings } = textUsClientSettings({
        token: options.token,
        account: options.account,
        ...kit.shared,
      })
      return createCallClient(settings, { account }) as State['client']
    })
    return client && { client, account: options.account }
  },
  send: {
    problems: sendProblems,
    fanOut: oneRequest,
    bodies: (input) => [textUsSendBody(input)],
    recipients: (body) => (Array.isArray(body.to) ? body.to : [body.to]),
    post: (state, body, init) => state.client.POST('/{account}/messages', { body: body as never, ...init }),
    read: readSent,
  },
} satisfies Adapter<
  'textus',
  FactoryOptions<TextUsMessengerOptions>,
  State,
  SendBody,
  TextUsMessage | AcceptedMessage<'textus'>,
  typeof TEXTUS_CAPABILITIES,
  object
>

/** Creates a TextUs messenger (`provider` may be left out). */
export function createTextUsMessenger(options: FactoryOptions<TextUsMessengerOptions>): TextUsMessenger {
  return createFromAdapter(textus, options) satisfies TextUsMessenger
}
