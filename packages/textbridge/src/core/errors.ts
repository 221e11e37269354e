import type { Operation, Provider, ReconcileOptions, Reconciliation } from '../types.js'

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

/** What every error carries; the constructors take it. */
export interface ErrorDetails {
  provider: Provider
  operation: Operation
  status?: number | undefined
  requestId?: string | undefined
  retryable: boolean
  cause?: unknown
}

// A brand rather than instanceof alone, so errors from another copy of the package (or realm) are recognised.
const BRAND = Symbol.for('textbridge.error')

/** Base of every error textbridge throws. Carries no credentials, ever. */
export class TextbridgeError extends Error {
  override name = 'TextbridgeError'
  readonly provider: Provider
  readonly operation: Operation
  /** HTTP status of the provider's answer, when there was one. */
  readonly status: number | undefined
  /** The provider's id for the request, to quote to its support. */
  readonly requestId: string | undefined
  /** Whether calling again is safe and may succeed (for a send: no risk of a second text). */
  readonly retryable: boolean
  /**
   * Present on a send that may or may not have gone out (a 5xx, a timeout or a reset after
   * the request was sent), where the provider can list messages (Quo): looks for the message
   * and says whether it was sent, so you can decide to send again without guessing.
   */
  declare readonly reconcile?: (options?: ReconcileOptions) => Promise<Reconciliation>

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.provider = details.provider
    this.operation = details.operation
    this.status = details.status
    this.requestId = details.requestId
    this.retryable = details.retryable
    Object.defineProperty(this, BRAND, { value: true })
  }

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
  readonly problems: readonly Problem[]

  constructor(provider: Provider, operation: Operation, problems: Problem[]) {
    const list = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')
    super(`Invalid ${operation} input for ${provider} (nothing was sent):\n${list}`, {
      provider,
      operation,
      retryable: false,
    })
    this.problems = problems
  }
}

/** 401 or 403: the credentials are wrong, or lack a permission. */
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
  readonly retryAfterMs: number | undefined

  constructor(message: string, details: ErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, details)
    this.retryAfterMs = details.retryAfterMs
  }
}

/** Any other answer the provider gave that is not a success, or a success we could not read. */
export class ProviderError extends TextbridgeError {
  override name = 'ProviderError'
  /** The provider's own error code, e.g. Quo's `0206400`. */
  readonly providerCode: string | undefined
  /** The provider's short title of the error. */
  readonly title: string | undefined
  /** The response body as text (credentials redacted, at most 16 KiB). */
  readonly body: string

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
  readonly requestSent: false | 'unknown'

  constructor(message: string, details: ErrorDetails & { requestSent: false | 'unknown' }) {
    super(message, details)
    this.requestSent = details.requestSent
  }
}

/** The call took longer than its `timeoutMs` (retries and waits included). */
export class TimeoutError extends TextbridgeError {
  override name = 'TimeoutError'
  readonly timeoutMs: number

  constructor(message: string, details: ErrorDetails & { timeoutMs: number }) {
    super(message, details)
    this.timeoutMs = details.timeoutMs
  }
}

/** True for any error textbridge throws, from any copy of the package. */
export function isTextbridgeError(value: unknown): value is TextbridgeError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}
