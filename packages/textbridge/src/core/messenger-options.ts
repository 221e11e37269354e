// The options every messenger shares, checked once at creation into the messenger's context.
// Every problem is collected; creating the messenger then throws one TypeError listing them
// all (and never repeating a value, which may be a credential).
import type { ErrorContext } from './classify.js'
import { redactor } from './redact.js'
import { DEFAULT_RETRY, type RetryPolicy, resolveRetry } from './retry/policy.js'
import type { CommonMessengerOptions, RetryEvent } from './types.js'

/** The documented default of `timeoutMs` (a test holds the TSDoc to it). */
export const DEFAULT_TIMEOUT_MS = 30_000

/** The option keys every messenger takes. */
export const COMMON_OPTIONS = ['provider', 'fetch', 'headers', 'timeoutMs', 'retry', 'onRetry', 'maxSegments'] as const

/** Everything a call needs from its messenger, resolved once. */
export interface MessengerContext extends ErrorContext {
  timeoutMs: number
  retry: RetryPolicy
  onRetry: ((event: RetryEvent) => void) | undefined
  /** The caller's fetch, or undefined for the global one at call time. */
  fetch: ((request: Request, init?: RequestInit) => Promise<Response>) | undefined
  /** The caller's extra headers, given to the provider's client (which checks them). */
  headers: Record<string, string> | undefined
  /** The most SMS segments a text may be; undefined: no limit. */
  maxSegments: number | undefined
}

/** A segment limit is a whole number ≥ 1. */
export function isSegmentLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1
}

/** What an adapter tells about its provider for the context. */
export interface ProviderFacts extends Omit<ErrorContext, 'redact'> {
  /** The provider's own option keys. */
  options: readonly string[]
  /** Every credential and every header value made from one (for redaction). */
  secrets: readonly unknown[]
}

/** The messenger's context, or (with problems pushed) undefined where an option is unusable. */
export function resolveMessengerOptions(
  options: CommonMessengerOptions & Record<string, unknown>,
  facts: ProviderFacts,
  problems: string[],
): MessengerContext {
  const known = [...COMMON_OPTIONS, ...facts.options]
  const unknown = Object.keys(options).filter((key) => !known.includes(key))
  if (unknown.length > 0) {
    problems.push(
      `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known options are ${known.join(', ')}.`,
    )
  }
  for (const key of ['fetch', 'onRetry'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function')
      problems.push(`option "${key}" must be a function.`)
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    problems.push('option "timeoutMs" must be a number of milliseconds > 0.')
  }
  if (options.maxSegments !== undefined && !isSegmentLimit(options.maxSegments)) {
    problems.push('option "maxSegments" must be a whole number ≥ 1.')
  }
  const retry = resolveRetry(DEFAULT_RETRY, options.retry)
  if (retry.problems) problems.push(...retry.problems)
  return {
    provider: facts.provider,
    name: facts.name,
    credentials: facts.credentials,
    errorInfo: facts.errorInfo,
    redact: redactor(facts.secrets),
    timeoutMs,
    retry: retry.policy ?? DEFAULT_RETRY,
    onRetry: options.onRetry,
    fetch: options.fetch,
    headers: options.headers,
    maxSegments: options.maxSegments,
  }
}
