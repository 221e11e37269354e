// The retry loop, as the `fetch` openapi-fetch calls: every attempt is a fresh copy of the
// request the client built (middleware included), sent through the caller's own fetch.
// A send is retried only when it surely did not reach the provider, or the provider said it
// did not process it (429): never a text twice, unless the caller opts in.
import retry from 'retry'
import type { Operation, Provider, RetryEvent, RetryOptions } from '../types.js'

export interface RetryPolicy {
  retries: number
  minDelayMs: number
  maxDelayMs: number
  jitter: boolean
  retryAmbiguousSends: boolean
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  minDelayMs: 500,
  maxDelayMs: 8000,
  jitter: true,
  retryAmbiguousSends: false,
}

/** Layers retry options over a policy, checking each value; throws a TypeError naming a bad one. */
export function resolveRetry(base: RetryPolicy, options: RetryOptions | undefined, where: string): RetryPolicy {
  if (options === undefined) return base
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: "retry" must be an object`)
  const known = Object.keys(DEFAULT_RETRY)
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${where}: unknown retry option "${key}"; known: ${known.join(', ')}`)
  }
  const policy = { ...base, ...definedOnly(options) }
  for (const key of ['retries', 'minDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isInteger(policy[key]) || policy[key] < 0) {
      throw new TypeError(`${where}: retry.${key} must be a whole number ≥ 0`)
    }
  }
  for (const key of ['jitter', 'retryAmbiguousSends'] as const) {
    if (typeof policy[key] !== 'boolean') throw new TypeError(`${where}: retry.${key} must be true or false`)
  }
  return policy
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>
}

/** No answer came: the request failed on the way, and may or may not have reached the provider. */
export class NoAnswer extends Error {
  override name = 'NoAnswer'
  constructor(
    override readonly cause: unknown,
    readonly requestSent: false | 'unknown',
    readonly attempts: number,
  ) {
    super(messageOf(cause))
  }
}

/** Answers are read up to this size: a bigger one is refused, not buffered. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024

/** The answer's body is larger than MAX_ANSWER_BYTES. */
export class TooLarge extends Error {
  override name = 'TooLarge'
  constructor(readonly status: number) {
    super(`the body is larger than ${MAX_ANSWER_BYTES} bytes`)
  }
}

/** The answer's status came, then its body broke off. */
export class BrokenAnswer extends Error {
  override name = 'BrokenAnswer'
  constructor(
    override readonly cause: unknown,
    readonly status: number,
    readonly attempts: number,
  ) {
    super(messageOf(cause))
  }
}

export interface AttemptScope {
  provider: Provider
  operation: Operation
  /** GET: safe to repeat. A send is not. */
  idempotent: boolean
  policy: RetryPolicy
  /** Aborts with the call (its deadline or the caller's signal). */
  signal: AbortSignal
  /** Epoch ms after which no new attempt starts. */
  deadline: number
  fetch: (request: Request, init?: RequestInit) => Promise<Response>
  onRetry: ((event: RetryEvent) => void) | undefined
  redact: (text: string) => string
  /** The request body as text, when known: a retry re-sends it instead of a copy kept up front. */
  resend?: () => string | undefined
  /** Told the body text of the answer handed back (a success's Response comes without it). */
  answered: (text: string) => void
}

export function retryingFetch(scope: AttemptScope): (request: Request) => Promise<Response> {
  return async (request) => {
    // A request without a body can be sent again as it is; one whose body is known as text is
    // rebuilt with it; any other is copied up front, kept unread, so every retry re-sends the same body.
    const body = request.body === null ? undefined : scope.resend?.()
    const spare = scope.policy.retries > 0 && request.body !== null && body === undefined ? request.clone() : undefined
    const abort = abortion(scope.signal)
    for (let attempt = 1; ; attempt++) {
      const current =
        attempt === 1 || request.body === null
          ? request
          : body === undefined
            ? (spare as Request).clone()
            : new Request(request, { body })
      let response: Response
      try {
        // The signal goes to fetch itself: a Request's own link to its signal can be lost to
        // garbage collection (Node's fetch), and then a hung attempt would never be aborted.
        // The race settles the call even with a fetch that ignores signals altogether.
        response = await raceAbort(scope.fetch(current, { signal: scope.signal }), abort, (late) => late.body?.cancel())
      } catch (error) {
        if (scope.signal.aborted) throw error
        const requestSent = neverConnected(error) ? false : 'unknown'
        const safe = scope.idempotent || requestSent === false || scope.policy.retryAmbiguousSends
        const delay = safe && attempt <= scope.policy.retries ? nextDelay(scope, attempt, undefined) : undefined
        if (delay === undefined) throw new NoAnswer(error, requestSent, attempt)
        notify(scope, { attempt, delayMs: delay, reason: 'connection', error: scope.redact(messageOf(error)) })
        await sleep(delay, scope.signal)
        continue
      }
      const retriesLeft = attempt <= scope.policy.retries
      if (retriesLeft && worthRetrying(response.status, scope)) {
        const delay = nextDelay(scope, attempt, response.headers)
        if (delay !== undefined) {
          await response.body?.cancel().catch(() => undefined)
          notify(scope, { attempt, delayMs: delay, reason: 'status', status: response.status })
          await sleep(delay, scope.signal)
          continue
        }
      }
      // The body is read here, inside the loop: for a GET, a body cut off midway or a success
      // that is not JSON is worth another attempt, like a 5xx; for a send, the status is kept.
      let text: string
      try {
        text = await readCapped(response, abort)
      } catch (error) {
        if (scope.signal.aborted || error instanceof TooLarge) throw error
        const delay = scope.idempotent && retriesLeft ? nextDelay(scope, attempt, undefined) : undefined
        if (delay === undefined) throw new BrokenAnswer(error, response.status, attempt)
        notify(scope, { attempt, delayMs: delay, reason: 'connection', error: scope.redact(messageOf(error)) })
        await sleep(delay, scope.signal)
        continue
      }
      if (scope.idempotent && retriesLeft && response.ok && text !== '' && !isJson(text)) {
        const delay = nextDelay(scope, attempt, undefined)
        if (delay !== undefined) {
          notify(scope, { attempt, delayMs: delay, reason: 'body', status: response.status })
          await sleep(delay, scope.signal)
          continue
        }
      }
      scope.answered(text)
      return rebuilt(response, text)
    }
  }
}

/** A promise that rejects with the signal's reason when it aborts (never otherwise). */
function abortion(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  aborted.catch(() => undefined)
  return aborted
}

/** Whichever settles first; a result that comes after the abort is handed to `discard`. */
function raceAbort<T>(work: Promise<T>, abort: Promise<never>, discard: (late: T) => unknown): Promise<T> {
  return Promise.race([work, abort]).catch((error: unknown) => {
    work.then(discard, () => undefined)
    throw error
  })
}

/** The body as text, refusing it past MAX_ANSWER_BYTES instead of holding it all. */
async function readCapped(response: Response, abort: Promise<never>): Promise<string> {
  if (Number(response.headers.get('content-length')) > MAX_ANSWER_BYTES) {
    await response.body?.cancel().catch(() => undefined)
    throw new TooLarge(response.status)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let size = 0
  for (;;) {
    const { done, value } = await raceAbort(reader.read(), abort, () => reader.cancel().catch(() => undefined))
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined)
      throw new TooLarge(response.status)
    }
    text += decoder.decode(value, { stream: true })
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * The same answer with its body already read (as fetch hands it out: decoded). A failure keeps
 * its text, which openapi-fetch reads as the error; a success's text went to `answered`.
 */
function rebuilt(response: Response, text: string): Response {
  const headers = new Headers(response.headers)
  headers.delete('content-encoding')
  headers.delete('content-length')
  const empty = response.ok || text === '' || [101, 204, 205, 304].includes(response.status)
  if (empty) headers.set('content-length', '0')
  return new Response(empty ? null : text, { status: response.status, statusText: response.statusText, headers })
}

/** 429 says "not processed"; 408 and 5xx may come after a send was processed. */
function worthRetrying(status: number, scope: AttemptScope): boolean {
  if (status === 429) return true
  if (!scope.idempotent && !scope.policy.retryAmbiguousSends) return false
  return status === 408 || (status >= 500 && status <= 599)
}

/** The wait before the next attempt, or undefined when it would pass the call's deadline. */
function nextDelay(scope: AttemptScope, attempt: number, headers: Headers | undefined): number | undefined {
  const { minDelayMs, maxDelayMs, jitter } = scope.policy
  const asked = headers ? retryAfterMs(headers) : undefined
  const delay =
    asked ??
    retry.createTimeout(attempt - 1, { minTimeout: minDelayMs, maxTimeout: maxDelayMs, factor: 2, randomize: jitter })
  return Date.now() + delay < scope.deadline ? delay : undefined
}

/** `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms))
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

// Failures that happen before a connection exists: the request cannot have been sent.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

function neverConnected(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function notify(scope: AttemptScope, event: Omit<RetryEvent, 'provider' | 'operation'>): void {
  try {
    scope.onRetry?.({ provider: scope.provider, operation: scope.operation, ...event })
  } catch {
    // A failing hook (a logger, say) must not turn a retry into a failure.
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** The message of an error and of its causes, e.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:9". */
export function messageOf(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 4 && current; depth++) {
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : ''
    if (message && !parts.includes(message)) parts.push(message)
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.join(': ') || 'unknown error'
}
