// The one retry decision, pure: given the policy, what the last attempt came to, its number
// and the call's deadline, wait and try again, or stop. A send is retried only when it surely
// did not reach the provider, or the provider said it did not process it (429).
import { isTransientStatus } from '../errors.js'
import type { Operation } from '../types.js'
import { backoffDelay } from './backoff.js'
import type { RetryPolicy } from './policy.js'
import { retryAfterMs } from './retry-after.js'

/** What one attempt came to, short of a usable answer. */
export type AttemptOutcome =
  /** No answer: `requestSent` is false when the connection was never made. */
  | { kind: 'no-answer'; requestSent: false | 'unknown' }
  /** An answer with this status (its body not read yet). */
  | { kind: 'status'; status: number; headers: Headers }
  /** The status came, then the body broke off. */
  | { kind: 'broken-body'; status: number }
  /** A success whose body is not JSON. */
  | { kind: 'not-json'; status: number }

export type Decision = { retry: true; delayMs: number; reason: 'status' | 'connection' | 'body' } | { retry: false }

export interface AttemptPolicy extends RetryPolicy {
  operation: Operation
}

/** Only a send can deliver a text: every other operation may be repeated as it is. */
export function isIdempotent(operation: Operation): boolean {
  return operation !== 'send'
}

const STOP: Decision = { retry: false }

export function decide(
  policy: AttemptPolicy,
  outcome: AttemptOutcome,
  attempt: number,
  deadline: number,
  now: number = Date.now(),
  random: () => number = Math.random,
): Decision {
  if (attempt > policy.retries) return STOP
  const repeatable = isIdempotent(policy.operation)
  const wait = (reason: 'status' | 'connection' | 'body', asked?: number): Decision => {
    const delayMs = asked ?? backoffDelay(policy, attempt, random)
    return now + delayMs < deadline ? { retry: true, delayMs, reason } : STOP
  }
  switch (outcome.kind) {
    case 'no-answer':
      return repeatable || outcome.requestSent === false || policy.retryAmbiguousSends ? wait('connection') : STOP
    case 'status': {
      // 429 says "not processed"; 408 and 5xx may come after a send was processed.
      const worth =
        outcome.status === 429 || ((repeatable || policy.retryAmbiguousSends) && isTransientStatus(outcome.status))
      return worth ? wait('status', retryAfterMs(outcome.headers, now)) : STOP
    }
    case 'broken-body':
      return repeatable ? wait('connection') : STOP
    case 'not-json':
      return repeatable && outcome.status >= 200 && outcome.status < 300 ? wait('body') : STOP
  }
}
