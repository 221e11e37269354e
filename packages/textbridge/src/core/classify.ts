// The one place that decides which error a failed call is, what its message says, whether
// calling again is safe (`retryable`) and whether anything was sent (`sent`).
import {
  AuthenticationError,
  ConnectionError,
  isTransientStatus,
  NotFoundError,
  ProviderError,
  RateLimitError,
  type Sent,
  sentForStatus,
  type TextbridgeError,
  TimeoutError,
} from './errors.js'
import { BrokenAnswer, NoAnswer } from './retry/failures.js'
import { TooLarge } from './retry/read-body.js'
import { retryAfterMs } from './retry/retry-after.js'
import type { Operation } from './types.js'

/** What the provider's error body says, as its adapter reads it. */
export interface ErrorInfo {
  code?: string | undefined
  title?: string | undefined
  message?: string | undefined
  requestId?: string | undefined
}

/** What the classifier needs to know of the messenger. */
export interface ErrorContext {
  provider: string
  /** The provider's name for messages, e.g. "SignalWire". */
  name: string
  /** The options that hold the credentials, for messages: e.g. "apiKey". */
  credentials: string
  /** Removes every form of the credentials from a text. */
  redact: (text: string) => string
  /** Reads the provider's error body. */
  errorInfo: (body: unknown) => ErrorInfo
}

/** How a call went wrong without an answer to classify. */
export interface FailureFacts {
  operation: Operation
  /** Whether repeating this call is safe: not a send, or a send whose caller accepts a second text. */
  repeatable: boolean
  timeoutMs: number
  /** The call's deadline passed. */
  timedOut: boolean
}

const MAX_BODY = 16 * 1024

const ACCEPTED = '. It accepted the message: do not send it again.'

/** The error for a call that ended with no usable answer; undefined for an error that is not a call failure. */
export function classifyFailure(
  context: ErrorContext,
  facts: FailureFacts,
  error: unknown,
): TextbridgeError | undefined {
  const { provider, name, redact } = context
  const { operation, repeatable } = facts
  if (facts.timedOut) {
    return new TimeoutError(
      `${name} did not answer the ${operation} within ${facts.timeoutMs} ms` +
        (operation === 'send' && !repeatable ? '; the message may or may not have been sent' : ''),
      { provider, operation, retryable: repeatable, sent: 'unknown', timeoutMs: facts.timeoutMs },
    )
  }
  if (error instanceof NoAnswer) {
    const maybeSent = error.requestSent === 'unknown' && operation === 'send'
    return new ConnectionError(
      `Could not reach ${name} (${redact(error.message)}) after ${error.attempts} attempt${error.attempts > 1 ? 's' : ''}` +
        (maybeSent ? '; the message may have been sent' : error.requestSent === false ? '; nothing was sent' : ''),
      {
        provider,
        operation,
        retryable: repeatable || error.requestSent === false,
        requestSent: error.requestSent,
        cause: error.cause,
      },
    )
  }
  if (error instanceof TooLarge) {
    const sent = sentForStatus(error.status)
    return new ProviderError(
      `${name} answered ${error.status} with a body too large to read (${error.message})` +
        (sent === 'yes' && operation === 'send' ? ACCEPTED : ''),
      { provider, operation, status: error.status, retryable: false, sent, body: '' },
    )
  }
  if (error instanceof BrokenAnswer) {
    const sent = sentForStatus(error.status)
    const accepted = operation === 'send' && sent === 'yes'
    return new ProviderError(
      `${name} answered ${error.status}, then its body broke off (${redact(error.message)})` +
        (accepted ? ACCEPTED : ''),
      {
        provider,
        operation,
        status: error.status,
        retryable: repeatable && !accepted,
        sent,
        body: '',
        cause: error.cause,
      },
    )
  }
  return undefined
}

/** The error for an answer that is not a success. */
export function classifyResponse(
  context: ErrorContext,
  operation: Operation,
  repeatable: boolean,
  response: Response,
  errorBody: unknown,
): TextbridgeError {
  const { provider, name, redact } = context
  const text = typeof errorBody === 'string' ? errorBody : errorBody === undefined ? '' : safeStringify(errorBody)
  const info = context.errorInfo(typeof errorBody === 'object' && errorBody !== null ? errorBody : undefined)
  const { status } = response
  const title = info.title ? ` ${redact(info.title)}` : ''
  const detail = info.message ? `: ${redact(info.message)}` : ''
  const requestId = info.requestId ?? requestIdOf(response.headers)
  const common = { provider, operation, status, requestId: requestId && redact(requestId), sent: 'no' as const }
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      `${name} refused the credentials (${status}${title})${detail}. Check the ${context.credentials} option${status === 403 ? ' and its permissions' : ''}.`,
      { ...common, retryable: false },
    )
  }
  if (status === 404) {
    return new NotFoundError(`${name} found nothing there (404${title})${detail}.`, { ...common, retryable: false })
  }
  if (status === 429) {
    const wait = retryAfterMs(response.headers)
    return new RateLimitError(
      `${name} is limiting the request rate (429${title})${wait === undefined ? '' : `; it asks to wait ${Math.ceil(wait / 1000)} s`}. The request was not processed.`,
      { ...common, retryable: true, retryAfterMs: wait },
    )
  }
  const transient = isTransientStatus(status)
  const ambiguous = transient && operation === 'send' && !repeatable
  return providerError(
    context,
    operation,
    response,
    `${name} answered ${status}${title}${detail}` +
      (ambiguous ? '. The message may or may not have been sent: check before sending it again.' : ''),
    { body: text, info, retryable: transient && repeatable, sent: sentForStatus(status) },
  )
}

/** A success we cannot use (not JSON, or not the shape its spec promises): the provider took the request. */
export function unusableAnswer(
  context: ErrorContext,
  operation: Operation,
  response: Response,
  message: string,
  body = '',
): ProviderError {
  return providerError(context, operation, response, message, {
    body,
    info: {},
    retryable: false,
    sent: sentForStatus(response.status),
  })
}

function providerError(
  context: ErrorContext,
  operation: Operation,
  response: Response,
  message: string,
  facts: { body: string; info: ErrorInfo; retryable: boolean; sent: Sent },
): ProviderError {
  const { redact } = context
  const { body, info } = facts
  const requestId = info.requestId ?? requestIdOf(response.headers)
  return new ProviderError(message, {
    provider: context.provider,
    operation,
    status: response.status,
    requestId: requestId && redact(requestId),
    retryable: facts.retryable,
    sent: facts.sent,
    providerCode: info.code && redact(info.code),
    title: info.title && redact(info.title),
    body: redact(body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}… (${body.length} characters)` : body),
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
