// Exponential backoff: the first delay, doubled each attempt, capped; with jitter, each delay
// spread randomly between 1× and 2× (the formula the `retry` package uses; a test proves it).
import type { RetryPolicy } from './policy.js'

/** The wait after failed attempt `attempt` (from 1). `random` is in [0, 1). */
export function backoffDelay(
  policy: Pick<RetryPolicy, 'minDelayMs' | 'maxDelayMs' | 'jitter'>,
  attempt: number,
  random: () => number = Math.random,
): number {
  const factor = policy.jitter ? random() + 1 : 1
  const delay = Math.round(factor * Math.max(policy.minDelayMs, 1) * 2 ** (attempt - 1))
  return Math.min(delay, policy.maxDelayMs)
}
