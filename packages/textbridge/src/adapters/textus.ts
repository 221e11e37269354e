// Everything the facade knows about TextUs: options, request building and validation, status
// mapping, error bodies. Rules mirror specs/textus (our spec, written from TextUs's docs).
import { createTextUsClient } from '@textbridge/textus'
import { aborted } from '../core/broadcast.js'
import { type CallInit, call, callSettings, read } from '../core/call.js'
import { isTextbridgeError } from '../core/errors.js'
import { date, object, optionalString, status, string } from '../core/normalize.js'
import { asMessengerError, messengerScope } from '../core/options.js'
import { Checks, dropUndefined, E164, isPlainObject } from '../core/validation.js'
import type {
  AcceptedMessage,
  BroadcastResult,
  CallOptions,
  FactoryOptions,
  Message,
  MessageStatus,
  RawMessages,
  TextUsMessenger,
  TextUsMessengerOptions,
} from '../types.js'

export const TEXTUS_CAPABILITIES = Object.freeze({
  send: true,
  broadcast: true,
  group: false,
  media: true,
  get: false,
  list: false,
} as const)

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

/** The attachment types TextUs supports, by file extension. */
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
const ALLOWED_TYPES = [...new Set(Object.values(MEDIA_TYPES)), 'text/rtf', 'text/x-vcard']
const SAVED_REPLY = /^\/saved_replies\/[^/]+$/
const OPTIONS = ['token', 'account', 'baseUrl'] as const
const SEND_KEYS = ['to', 'text', 'media', 'channel', 'savedReply', 'template']

type Attachment = { media_url: unknown; content_type: unknown }
type SendBody = Record<string, unknown> & { to: string | string[] }

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

/** Checks a send or broadcast against TextUs's rules; throws a ValidationError listing every problem. */
export function checkTextUsSend(
  input: unknown,
  mode: 'send' | 'broadcast' = 'send',
): asserts input is Record<string, unknown> {
  const checks = new Checks('textus', 'send')
  if (!checks.object(input, '', SEND_KEYS)) return checks.done()
  const number = 'an E.164 number like +13035551234'
  if (mode === 'broadcast') checks.broadcastRecipients(input.to, E164, number)
  else checks.oneRecipient(input.to, E164, number, 'must be one recipient: for a message each, use broadcast()')
  const channel = checks.oneOf(input.channel, 'channel', ['sms', 'whatsapp'] as const)
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
      if (id === '') checks.add('template.id', 'min-length', 'must not be empty', id)
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
    const media = checks.array(input.media, 'media', { required: false, min: 1, max: 1 })
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
  checks.done()
}

/** Reads TextUs's message object. `to` is not in it: it is the request's. */
export function textUsMessage(
  value: unknown,
  path: string,
  context: { account: string; to: string[] },
): Message<'textus'> {
  const raw = object(value, path)
  const providerStatus = string(raw.deliveryState, `${path}.deliveryState`)
  const attachments = raw.attachments === undefined ? undefined : object(raw.attachments, `${path}.attachments`)
  const members = attachments && Array.isArray(attachments.members) ? attachments.members : []
  return {
    id: string(raw.id, `${path}.id`),
    provider: 'textus',
    from: context.account,
    to: context.to,
    text: string(raw.body, `${path}.body`),
    media: members.map((member, index) => string(object(member, `${path}.attachments.members[${index}]`).url, 'url')),
    status: status(TEXTUS_STATUS, providerStatus),
    providerStatus,
    direction: raw.direction === 'in' ? 'inbound' : 'outbound',
    createdAt: date(raw.displayTimestamp ?? raw.timelinePosition),
    raw: raw as RawMessages['textus'],
  }
}

function accepted(account: string, to: string[], text: unknown, media: string[]): AcceptedMessage<'textus'> {
  return {
    id: undefined,
    provider: 'textus',
    from: account,
    to,
    text: typeof text === 'string' ? text : '',
    media,
    status: 'queued',
    providerStatus: 'accepted',
    direction: 'outbound',
    createdAt: new Date(),
    raw: undefined,
  }
}

function errorInfo(body: unknown) {
  const json = (body ?? {}) as Record<string, unknown>
  return {
    title: optionalString(json['hydra:title']) ?? optionalString(json.title) ?? optionalString(json.error),
    message: optionalString(json['hydra:description']) ?? optionalString(json.message) ?? optionalString(json.detail),
  }
}

/** Creates a TextUs messenger (`provider` may be left out). */
export function createTextUsMessenger(options: FactoryOptions<TextUsMessengerOptions>): TextUsMessenger {
  const { scope, common } = messengerScope('textus', options, OPTIONS, {
    name: 'TextUs',
    credentials: 'token',
    secrets: [options.token, typeof options.token === 'string' ? `Bearer ${options.token}` : undefined],
    errorInfo,
  })
  let client: ReturnType<typeof createTextUsClient>
  try {
    client = createTextUsClient({
      token: options.token,
      account: options.account,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(common.headers ? { headers: common.headers } : {}),
    })
  } catch (error) {
    throw asMessengerError('textus', 'createTextUsClient', error)
  }
  const { account } = options

  /** One request, for one recipient or several. */
  async function post(body: SendBody, callOptions: CallOptions | undefined) {
    const recipients = Array.isArray(body.to) ? body.to : [body.to]
    const media = Array.isArray(body.attachments)
      ? body.attachments.map((a) => String((a as Attachment).media_url))
      : []
    const answered = await call(scope, 'send', callOptions, false, (init: CallInit) =>
      client.POST('/{account}/messages', { body: body as never, ...init }),
    )
    if (answered.body === undefined) return recipients.map((to) => accepted(account, [to], body.body, media))
    const message = read(scope, 'send', answered, (value) => textUsMessage(value, 'body', { account, to: recipients }))
    return [message]
  }

  const messenger = {
    provider: 'textus' as const,
    capabilities: TEXTUS_CAPABILITIES,
    async send(input: unknown, callOptions?: CallOptions) {
      checkTextUsSend(input)
      return (await post(textUsSendBody(input), callOptions))[0]
    },
    async broadcast(input: unknown, callOptions?: CallOptions) {
      checkTextUsSend(input, 'broadcast')
      // Checked once here: a bad option must not become a failure for every recipient.
      callSettings(scope, 'send', callOptions)
      return broadcastOnce(textUsSendBody(input), callOptions)
    },
  }

  /** TextUs takes all recipients in one request: they share its one outcome. */
  async function broadcastOnce(
    body: SendBody,
    callOptions: CallOptions | undefined,
  ): Promise<BroadcastResult<'textus'>> {
    const recipients = body.to as string[]
    try {
      const messages = await post(body, callOptions)
      const results = recipients.map((to, index) => ({
        to,
        ok: true as const,
        message:
          messages.length === recipients.length
            ? (messages[index] as Message<'textus'>)
            : accepted(account, [to], body.body, []),
      }))
      return { delivery: 'broadcast', results, accepted: results.length, failed: 0 }
    } catch (error) {
      const failure = isTextbridgeError(error) ? error : aborted('textus', 'unknown', error)
      const results = recipients.map((to) => ({ to, ok: false as const, error: failure }))
      return { delivery: 'broadcast', results, accepted: 0, failed: results.length }
    }
  }
  return messenger as TextUsMessenger
}
