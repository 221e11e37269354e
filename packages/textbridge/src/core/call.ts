// One facade call: its deadline and signal, the retrying fetch beneath openapi-fetch, and the
// translation of what came back into data or one of our errors.
import type { CallOptions, Operation, Provider, RetryEvent } from '../types.js'
import {
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  type TextbridgeError,
  TimeoutError,
  ValidationError,
} from './errors.js'
import { ShapeError } from './normalize.js'
import {
  BrokenAnswer,
  NoAnswer,
  type RetryPolicy,
  resolveRetry,
  retryAfterMs,
  retryingFetch,
  TooLarge,
} from './retry.js'

/** What the provider's error body says, as its adapter reads it. */
export interface ErrorInfo {
  code?: string | undefined
  title?: string | undefined
  message?: string | undefined
  requestId?: string | undefined
}

/** Everything a call needs from its messenger. */
export interface Scope {
  provider: Provider
  /** The provider's name for messages, e.g. "SignalWire". */
  name: string
  /** The options that hold the credentials, for messages: e.g. "apiKey". */
  credentials: string
  timeoutMs: number
  retry: RetryPolicy
  onRetry: ((event: RetryEvent) => void) | undefined
  /** The caller's fetch, or undefined for the global one at call time. */
  fetch: ((request: Request, init?: RequestInit) => Promise<Response>) | undefined
  /** Removes every form of the credentials from a text. */
  redact: (text: string) => string
  /** Reads the provider's error body. */
  errorInfo: (body: unknown) => ErrorInfo
}

/** What openapi-fetch answers, with `parseAs: 'stream'` (a success's body is read by the retry loop). */
interface Answer {
  data?: unknown
  error?: unknown
  response: Response
}

/**
 * openapi-fetch options of one call: our fetch and signal; a success's body left unread (the
 * retry loop has read it already), and the request body kept as text for a retry to re-send.
 */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>
  signal: AbortSignal
  parseAs: 'stream'
  bodySerializer: (body: unknown) => string
}

const MAX_BODY = 16 * 1024

/**
 * Runs one request of a facade call. Resolves with the parsed JSON body (undefined when there
 * is none) and the response; rejects with a typed error, or the caller's abort reason.
 */
export async function call(
  scope: Scope,
  operation: Operation,
  options: CallOptions | undefined,
  idempotent: boolean,
  request: (init: CallInit) => Promise<Answer>,
): Promise<Answered> {
  const { timeoutMs, policy, signal: callerSignal } = callSettings(scope, operation, options)
  callerSignal?.throwIfAborted()
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), timeoutMs)
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal
  let answer: Answer
  // Every body the adapters send is JSON (openapi-fetch's default serializer would do the same).
  let sent: string | undefined
  let text = ''
  try {
    answer = await request({
      signal,
      parseAs: 'stream',
      bodySerializer: (body) => (sent = JSON.stringify(body)),
      fetch: retryingFetch({
        provider: scope.provider,
        operation,
        idempotent,
        policy,
        signal,
        deadline: Date.now() + timeoutMs,
        fetch: scope.fetch ?? ((req, init) => globalThis.fetch(req, init)),
        onRetry: scope.onRetry,
        redact: scope.redact,
        resend: () => sent,
        answered: (body) => {
          text = body
        },
      }),
    })
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason
    throw failure(scope, operation, idempotent || policy.retryAmbiguousSends, timeoutMs, deadline.signal.aborted, error)
  } finally {
    clearTimeout(timer)
  }
  const { response } = answer
  if (!response.ok)
    throw fromResponse(scope, operation, idempotent || policy.retryAmbiguousSends, response, answer.error)
  if (text === '') return { body: undefined, text, response }
  try {
    return { body: JSON.parse(text), text, response }
  } catch {
    throw providerError(
      scope,
      operation,
      response,
      `${scope.name} answered ${response.status} with a body that is not JSON`,
      text,
      {},
    )
  }
}

/** A successful answer: its body parsed (undefined when empty), the text it came as, the response. */
export interface Answered {
  body: unknown
  text: string
  response: Response
}

/** Reads a parsed body with an adapter's reader; a body of the wrong shape is a ProviderError. */
export function read<T>(scope: Scope, operation: Operation, answered: Answered, reader: (body: unknown) => T): T {
  const { body, text, response } = answered
  try {
    return reader(body)
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error
    throw providerError(
      scope,
      operation,
      response,
      `${scope.name} answered ${response.status} with a body its spec does not describe (${error.message})`,
      text,
      {},
    )
  }
}

/** Checks a call's options; throws a ValidationError listing what is wrong with them. */
export function callSettings(scope: Scope, operation: Operation, options: CallOptions | undefined) {
  const where = `${operation}()`
  if (options === undefined) return { timeoutMs: scope.timeoutMs, policy: scope.retry, signal: undefined }
  const problems: { path: string; rule: string; message: string }[] = []
  if (options === null || typeof options !== 'object') {
    throw new ValidationError(scope.provider, operation, [
      { path: 'options', rule: 'type', message: 'must be an object' },
    ])
  }
  for (const key of Object.keys(options)) {
    if (!['signal', 'timeoutMs', 'retry', 'maxResults', 'limit'].includes(key)) {
      problems.push({
        path: `options.${key}`,
        rule: 'unknown',
        message: 'is not a call option (signal, timeoutMs, retry)',
      })
    }
  }
  const { signal, timeoutMs = scope.timeoutMs } = options
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    problems.push({ path: 'options.signal', rule: 'type', message: 'must be an AbortSignal' })
  }
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    problems.push({ path: 'options.timeoutMs', rule: 'type', message: 'must be a number of milliseconds > 0' })
  }
  let policy = scope.retry
  try {
    policy = resolveRetry(scope.retry, options.retry, where)
  } catch (error) {
    problems.push({ path: 'options.retry', rule: 'type', message: (error as Error).message.replace(`${where}: `, '') })
  }
  if (problems.length > 0) throw new ValidationError(scope.provider, operation, problems)
  return { timeoutMs, policy, signal }
}

function failure(
  scope: Scope,
  operation: Operation,
  retryable: boolean,
  timeoutMs: number,
  timedOut: boolean,
  error: unknown,
): TextbridgeError {
  if (timedOut) {
    return new TimeoutError(
      `${scope.name} did not answer the ${operation} within ${timeoutMs} ms` +
        (operation === 'send' && !retryable ? '; the message may or may not have been sent' : ''),
      { provider: scope.provider, operation, retryable, timeoutMs },
    )
  }
  if (error instanceof NoAnswer) {
    const maybeSent = error.requestSent === 'unknown' && operation === 'send'
    return new ConnectionError(
      `Could not reach ${scope.name} (${scope.redact(error.message)}) after ${error.attempts} attempt${error.attempts > 1 ? 's' : ''}` +
        (maybeSent ? '; the message may have been sent' : error.requestSent === false ? '; nothing was sent' : ''),
      {
        provider: scope.provider,
        operation,
        retryable: retryable || error.requestSent === false,
        requestSent: error.requestSent,
        cause: error.cause,
      },
    )
  }
  if (error instanceof TooLarge) {
    const accepted = error.status >= 200 && error.status < 300 && operation === 'send'
    return new ProviderError(
      `${scope.name} answered ${error.status} with a body too large to read (${error.message})` +
        (accepted ? '. It accepted the message: do not send it again.' : ''),
      { provider: scope.provider, operation, status: error.status, retryable: false, body: '' },
    )
  }
  if (error instanceof BrokenAnswer) {
    const accepted = error.status >= 200 && error.status < 300
    return new ProviderError(
      `${scope.name} answered ${error.status}, then its body broke off (${scope.redact(error.message)})` +
        (operation === 'send' && accepted ? '. It accepted the message: do not send it again.' : ''),
      {
        provider: scope.provider,
        operation,
        status: error.status,
        retryable: retryable && !(operation === 'send' && accepted),
        body: '',
        cause: error.cause,
      },
    )
  }
  throw error
}

function fromResponse(
  scope: Scope,
  operation: Operation,
  retryable: boolean,
  response: Response,
  errorBody: unknown,
): TextbridgeError {
  const text = typeof errorBody === 'string' ? errorBody : errorBody === undefined ? '' : safeStringify(errorBody)
  const info = scope.errorInfo(typeof errorBody === 'object' && errorBody !== null ? errorBody : undefined)
  const { status } = response
  const title = info.title ? ` ${scope.redact(info.title)}` : ''
  const detail = info.message ? `: ${scope.redact(info.message)}` : ''
  const requestId = info.requestId ?? requestIdOf(response.headers)
  const common = { provider: scope.provider, operation, status, requestId: requestId && scope.redact(requestId) }
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      `${scope.name} refused the credentials (${status}${title})${detail}. Check the ${scope.credentials} option${status === 403 ? ' and its permissions' : ''}.`,
      { ...common, retryable: false },
    )
  }
  if (status === 404) {
    return new NotFoundError(`${scope.name} found nothing there (404${title})${detail}.`, {
      ...common,
      retryable: false,
    })
  }
  if (status === 429) {
    const wait = retryAfterMs(response.headers)
    return new RateLimitError(
      `${scope.name} is limiting the request rate (429${title})${wait === undefined ? '' : `; it asks to wait ${Math.ceil(wait / 1000)} s`}. The request was not processed.`,
      { ...common, retryable: true, retryAfterMs: wait },
    )
  }
  const transient = status === 408 || status >= 500
  const ambiguous = transient && operation === 'send' && !retryable
  return providerError(
    scope,
    operation,
    response,
    `${scope.name} answered ${status}${title}${detail}` +
      (ambiguous ? '. The message may or may not have been sent: check before sending it again.' : ''),
    text,
    info,
    transient && retryable,
  )
}

/** A ProviderError about an answer that was received but cannot be used. */
export function providerFault(scope: Scope, operation: Operation, response: Response, message: string): ProviderError {
  return providerError(scope, operation, response, message, '', {})
}

function providerError(
  scope: Scope,
  operation: Operation,
  response: Response,
  message: string,
  body: string,
  info: ErrorInfo,
  retryable = false,
): ProviderError {
  const requestId = info.requestId ?? requestIdOf(response.headers)
  return new ProviderError(message, {
    provider: scope.provider,
    operation,
    status: response.status,
    requestId: requestId && scope.redact(requestId),
    retryable,
    providerCode: info.code && scope.redact(info.code),
    title: info.title && scope.redact(info.title),
    body: scope.redact(body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}… (${body.length} characters)` : body),
  })
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-correlation-id', 'x-trace-id']

function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)
    if (value) return value
  }
  return undefined
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    // Too deep to serialise again: say so rather than fail.
    return '(a body too deeply nested to show)'
  }
}

/**
 * A redactor for a set of secrets: each is removed as written, JSON-escaped and URL-encoded,
 * so an error body that echoes the request's headers gives nothing away.
 */
export function redactor(secrets: string[]): (text: string) => string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < 4) continue
    forms.add(secret)
    forms.add(JSON.stringify(secret).slice(1, -1))
    forms.add(encodeURIComponent(secret))
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length)
  return (text) => {
    let result = text
    for (const form of ordered) if (result.includes(form)) result = result.split(form).join('[REDACTED]')
    return result
  }
}
