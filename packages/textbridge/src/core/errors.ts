// The error classes, one base and a few subclasses, each with what a caller branches on. The
// class of a failed call is picked by classify.ts, beside this file; nothing here names a provider.
import type { MessageOf, ReconcileOptions, ReconciliationOf } from './types.js'

/** One thing wrong with the input of a call. */
export interface Problem {
  /** Where, e.g. `to[2]`, `text`, `template.id`. */
  path: string
  /** The rule it breaks, e.g. `e164`, `required`, `max-length`, `unsupported`. */
  rule: string
  /** What is wrong and what is expected. */
  message: string
  /** The offending value, as given. */
  value?: unknown
}

/**
 * Whether the request reached the provider and was processed: `'no'` proves nothing was sent
 * (safe to send again, or through another provider), `'yes'` that the provider took it,
 * `'unknown'` that it may have (a 5xx, a timeout or a reset after the body went out).
 */
export type Sent = 'no' | 'yes' | 'unknown'

/** What every error carries; the constructors take it. */
export interface ErrorDetails {
  /** The provider involved, when there is one (a router's or a queue's own error may have none). */
  provider?: string | undefined
  /** What was being done: a messenger call (`send`, `get`, `list`), or e.g. `verify` for a webhook. */
  operation: string
  status?: number | undefined
  requestId?: string | undefined
  retryable: boolean
  /** @default what the class and status say (see each class) */
  sent?: Sent | undefined
  cause?: unknown
}

// A brand rather than instanceof alone, so errors from another copy of the package (or realm) are recognised.
const BRAND = Symbol.for('textbridge.error')

/** 408 and 5xx: the provider may have processed the request before failing. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || (status >= 500 && status <= 599)
}

/** What an answer's status proves about the request: taken (2xx), maybe (408, 5xx), or refused. */
export function sentForStatus(status: number | undefined): Sent {
  if (status === undefined || isTransientStatus(status)) return 'unknown'
  return status >= 200 && status < 300 ? 'yes' : 'no'
}

/** Base of every error textbridge throws. Carries no credentials, ever. */
export class TextbridgeError extends Error {
  override name = 'TextbridgeError'
  // The constructors set every field, in this order (toJSON's order): declared rather than
  // defined, so a bundle does not carry each name a second time.
  declare readonly provider: string | undefined
  declare readonly operation: string
  /** HTTP status of the provider's answer, when there was one. */
  declare readonly status: number | undefined
  /** The provider's id for the request, to quote to its support. */
  declare readonly requestId: string | undefined
  /** Whether calling again is safe and may succeed (for a send: no risk of a second text). */
  declare readonly retryable: boolean
  /** Whether the provider got the request: `'no'` means sending again (anywhere) cannot send twice. */
  declare readonly sent: Sent
  /**
   * Present on a send that may or may not have gone out (a 5xx, a timeout or a reset after
   * the request was sent), where the provider can look messages up: looks for the message
   * and says whether it was sent, so you can decide to send again without guessing.
   */
  declare readonly reconcile?: (options?: ReconcileOptions) => Promise<ReconciliationOf<MessageOf<string, unknown>>>

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.provider = details.provider
    this.operation = details.operation
    this.status = details.status
    this.requestId = details.requestId
    this.retryable = details.retryable
    this.sent = details.sent ?? sentForStatus(details.status)
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** Its fields as JSON (`name` included, so the class is known after a trip between processes). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message }
    for (const [key, value] of Object.entries(this)) if (value !== undefined && key !== 'cause') json[key] = value
    return json
  }
}

/** The input breaks a rule of the provider's spec; nothing was sent. */
export class ValidationError extends TextbridgeError {
  override name = 'ValidationError'
  /** Every problem found, not only the first. */
  declare readonly problems: readonly Problem[]

  constructor(provider: string | undefined, operation: string, problems: Problem[]) {
    const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')
    super(`Invalid ${operation} input${provider ? ` for ${provider}` : ''} (nothing was sent):\n${list}`, {
      provider,
      operation,
      retryable: false,
      sent: 'no',
    })
    this.problems = problems
  }
}

/** 401 or 403: the credentials are wrong, or lack a permission. Nothing was processed. */
export class AuthenticationError extends TextbridgeError {
  override name = 'AuthenticationError'
}

/** 404: no such resource (e.g. a message id). */
export class NotFoundError extends TextbridgeError {
  override name = 'NotFoundError'
}

/** 429: too many requests; the provider did not process this one. */
export class RateLimitError extends TextbridgeError {
  override name = 'RateLimitError'
  /** How long the provider asked to wait, when it said. */
  declare readonly retryAfterMs: number | undefined

  constructor(message: string, details: ErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, { ...details, sent: details.sent ?? 'no' })
    this.retryAfterMs = details.retryAfterMs
  }
}

/** Any other answer the provider gave that is not a success, or a success we could not read. */
export class ProviderError extends TextbridgeError {
  override name = 'ProviderError'
  /** The provider's own error code, e.g. Quo's `0206400`. */
  declare readonly providerCode: string | undefined
  /** The provider's short title of the error. */
  declare readonly title: string | undefined
  /** The response body as text (credentials redacted, at most 16 KiB). */
  declare readonly body: string

  constructor(
    message: string,
    details: ErrorDetails & { providerCode?: string | undefined; title?: string | undefined; body: string },
  ) {
    super(message, details)
    this.providerCode = details.providerCode
    this.title = details.title
    this.body = details.body
  }
}

/** No answer: the connection failed, was refused or reset. */
export class ConnectionError extends TextbridgeError {
  override name = 'ConnectionError'
  /** false when the request surely never reached the provider; 'unknown' when it may have. */
  declare readonly requestSent: false | 'unknown'

  constructor(message: string, details: ErrorDetails & { requestSent: false | 'unknown' }) {
    super(message, { ...details, sent: details.sent ?? (details.requestSent === false ? 'no' : 'unknown') })
    this.requestSent = details.requestSent
  }
}

/** The call took longer than its `timeoutMs` (retries and waits included). */
export class TimeoutError extends TextbridgeError {
  override name = 'TimeoutError'
  declare readonly timeoutMs: number

  constructor(message: string, details: ErrorDetails & { timeoutMs: number }) {
    super(message, details)
    this.timeoutMs = details.timeoutMs
  }
}

/** The caller aborted the call (its `signal`); `cause` is the signal's reason. */
export class AbortError extends TextbridgeError {
  override name = 'AbortError'

  constructor(message: string, details: Omit<ErrorDetails, 'retryable'> & { retryable?: boolean }) {
    super(message, { ...details, retryable: details.retryable ?? false, sent: details.sent ?? 'no' })
  }
}

interface ErrorClasses {
  TextbridgeError: TextbridgeError
  ValidationError: ValidationError
  AuthenticationError: AuthenticationError
  NotFoundError: NotFoundError
  RateLimitError: RateLimitError
  ProviderError: ProviderError
  ConnectionError: ConnectionError
  TimeoutError: TimeoutError
  AbortError: AbortError
}

/**
 * True for any error textbridge throws, from any copy of the package; with `name`, only for
 * that class (by its `name`, which a copy of the package or another realm shares with this one).
 */
export function isTextbridgeError(value: unknown): value is TextbridgeError
export function isTextbridgeError<N extends keyof ErrorClasses>(value: unknown, name: N): value is ErrorClasses[N]
export function isTextbridgeError(value: unknown, name?: string): boolean {
  if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[BRAND] !== true) return false
  return name === undefined || name === 'TextbridgeError' || (value as { name?: unknown }).name === name
}
