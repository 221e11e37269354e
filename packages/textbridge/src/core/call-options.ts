// A call's options, checked once per call (not per page, not per recipient) into the
// settings the call runs with. Each operation names the keys it takes.
import type { Problem } from './errors.js'
import type { MessengerContext } from './messenger-options.js'
import type { AttemptPolicy } from './retry/decide.js'
import { resolveRetry } from './retry/policy.js'
import type { CallOptions, Operation } from './types.js'

const CALL_OPTIONS = ['signal', 'timeoutMs', 'retry'] as const

/** A call's settings: what `call()` runs with. */
export interface ResolvedCall {
  operation: Operation
  timeoutMs: number
  policy: AttemptPolicy
  signal: AbortSignal | undefined
}

/**
 * The settings of one call, from the messenger's and the call's options; `extra` names the
 * further keys this operation takes (checked by its adapter). Problems are pushed, not thrown.
 */
export function resolveCall(
  context: MessengerContext,
  operation: Operation,
  options: unknown,
  problems: Problem[],
  extra: readonly string[] = [],
): ResolvedCall {
  const resolved: ResolvedCall = {
    operation,
    timeoutMs: context.timeoutMs,
    policy: { ...context.retry, operation },
    signal: undefined,
  }
  if (options === undefined) return resolved
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    problems.push({ path: 'options', rule: 'type', message: 'must be an object' })
    return resolved
  }
  const known = [...CALL_OPTIONS, ...extra]
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      problems.push({
        path: `options.${key}`,
        rule: 'unknown',
        message: `is not an option of ${operation}() (${known.join(', ')})`,
      })
    }
  }
  const { signal, timeoutMs = context.timeoutMs, retry } = options as CallOptions
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    problems.push({ path: 'options.signal', rule: 'type', message: 'must be an AbortSignal' })
  } else resolved.signal = signal
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    problems.push({ path: 'options.timeoutMs', rule: 'type', message: 'must be a number of milliseconds > 0' })
  } else resolved.timeoutMs = timeoutMs
  const policy = resolveRetry(context.retry, retry)
  if (policy.problems) {
    for (const message of policy.problems) problems.push({ path: 'options.retry', rule: 'type', message })
  } else resolved.policy = { ...policy.policy, operation }
  return resolved
}
