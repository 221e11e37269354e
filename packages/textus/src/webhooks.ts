// TextUs's webhook signature: X-TextUs-Signature is the hex HMAC-SHA256 of the raw body,
// keyed with the webhook's signing secret as given (https://apidocs.next.textus.com/overview/webhooks/).
// TextUs signs no timestamp, so there is no replay window to check.
import {
  headerValue,
  hmacSigner,
  parseJsonObject,
  rawBodyBytes,
  requireHeaders,
  requireOptions,
  requireText,
  timingSafeEqual,
  toHex,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
} from '@textbridge/provider-kit'
import type { webhooks } from './generated/schema.js'

export {
  isWebhookVerificationError,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from '@textbridge/provider-kit'

/** The webhook actions the spec documents, each with its payload. */
export type TextUsKnownWebhookPayload = {
  [Name in keyof webhooks]: webhooks[Name]['post']['requestBody']['content']['application/json']
}[keyof webhooks]

/** An action the spec does not document (contact.*, phone_call.*, a new one): verified, returned as sent. */
export interface TextUsOtherWebhookPayload {
  action: string
  [key: string]: unknown
}

/**
 * A verified TextUs webhook. TypeScript cannot tell "any other action" from the documented
 * ones, so narrow with {@link isDocumentedTextUsWebhook} first, then on `action`.
 */
export type TextUsWebhookPayload = TextUsKnownWebhookPayload | TextUsOtherWebhookPayload

/** The actions the spec documents a payload for. */
export const TEXTUS_WEBHOOK_ACTIONS = [
  'message.received',
  'message.delivered',
  'message.failed',
  'message.unknown',
] as const satisfies readonly (keyof webhooks)[]

/** True when the payload's `action` is one the spec documents: its type is then the spec's. */
export function isDocumentedTextUsWebhook(payload: TextUsWebhookPayload): payload is TextUsKnownWebhookPayload {
  return (TEXTUS_WEBHOOK_ACTIONS as readonly string[]).includes(payload.action)
}

export interface VerifyTextUsWebhookOptions {
  /** The raw request body, exactly as received (not a parsed object). */
  body: WebhookBody
  /** The request's headers (a `Headers`, or a plain record in any case). */
  headers: WebhookHeaders
  /** The webhook's signing secret, from its integration settings in TextUs. */
  secret: string
}

const FN = 'verifyTextUsWebhook'
const OPTIONS = ['body', 'headers', 'secret'] as const
const HEADER = 'x-textus-signature'

/**
 * Checks a TextUs webhook's `X-TextUs-Signature` and resolves with its parsed payload.
 * Rejects with a {@link WebhookVerificationError} (`reason` says why) when it is not signed
 * with `secret`, and with a `TypeError` when an option is wrong (a parsed body, no secret).
 *
 * @example
 * const event = await verifyTextUsWebhook({ body: await request.text(), headers: request.headers, secret })
 * if (isDocumentedTextUsWebhook(event) && event.action === 'message.received') console.log(event.message.body)
 */
export async function verifyTextUsWebhook(options: VerifyTextUsWebhookOptions): Promise<TextUsWebhookPayload> {
  const checked = requireOptions(FN, options, OPTIONS)
  const secret = requireText(FN, 'secret', checked.secret)
  const headers = requireHeaders(FN, checked.headers)
  const body = rawBodyBytes(FN, checked.body)
  const signature = headerValue(headers, HEADER)?.trim()
  if (!signature) {
    throw new WebhookVerificationError(
      'missing-signature',
      'The request has no X-TextUs-Signature header: it was not sent by TextUs, or a proxy dropped the header.',
    )
  }
  if (!/^[0-9a-f]{64}$/i.test(signature)) {
    throw new WebhookVerificationError(
      'malformed',
      'The X-TextUs-Signature header is not a hex HMAC-SHA256 (64 hex digits).',
    )
  }
  const sign = await hmacSigner('SHA-256', new TextEncoder().encode(secret))
  if (!timingSafeEqual(toHex(await sign(body)), signature.toLowerCase())) {
    throw new WebhookVerificationError(
      'bad-signature',
      "The X-TextUs-Signature does not match the body: the secret is not this webhook's signing secret, or the body was changed (verify the raw body, before any parser).",
    )
  }
  return parseJsonObject('TextUs', body) as TextUsWebhookPayload
}
