// Retry settings: the defaults, and options layered over a policy with every problem named.
import type { RetryOptions } from '../types.js'

export interface RetryPolicy {
  retries: number
  minDelayMs: number
  maxDelayMs: number
  jitter: boolean
  retryAmbiguousSends: boolean
}

/** The documented defaults of `RetryOptions` (a test holds the TSDoc to these). */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  retries: 2,
  minDelayMs: 500,
  maxDelayMs: 8000,
  jitter: true,
  retryAmbiguousSends: false,
})

const KNOWN = Object.keys(DEFAULT_RETRY)

/**
 * Layers retry options over a policy. Returns the policy, or every problem with the options
 * (each a sentence naming its key), never both.
 */
export function resolveRetry(
  base: RetryPolicy,
  options: RetryOptions | undefined,
): { policy: RetryPolicy; problems?: undefined } | { policy?: undefined; problems: string[] } {
  if (options === undefined) return { policy: base }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return { problems: ['"retry" must be an object'] }
  }
  const problems: string[] = []
  const policy = { ...base }
  for (const [key, value] of Object.entries(options)) {
    if (!KNOWN.includes(key)) problems.push(`unknown retry option "${key}"; known: ${KNOWN.join(', ')}`)
    else if (value !== undefined) (policy as Record<string, unknown>)[key] = value
  }
  for (const key of ['retries', 'minDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isInteger(policy[key]) || policy[key] < 0) problems.push(`retry.${key} must be a whole number ≥ 0`)
  }
  for (const key of ['jitter', 'retryAmbiguousSends'] as const) {
    if (typeof policy[key] !== 'boolean') problems.push(`retry.${key} must be true or false`)
  }
  return problems.length > 0 ? { problems } : { policy }
}
