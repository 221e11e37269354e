// Each provider's documented rate, and how a rate is spent: in slices of its window, so a
// provider's bucket never runs dry on network jitter while the average stays at the limit.
import { countSegments } from '../segments/index.js'
import type { QueueRate } from './types.js'

/**
 * The documented limits: Quo 10 requests/s per API key; TextUs 1,000 requests per 5 minutes
 * per token; SignalWire counts segments per sending number by number type (toll-free 3/s,
 * 10DLC 4/s, short code 10/s): the lowest is the default, set yours with `rate`.
 */
export const DEFAULT_RATES: Readonly<Record<string, Required<QueueRate>>> = {
  quo: { max: 10, perMs: 1000, by: 'request' },
  textus: { max: 1000, perMs: 300_000, by: 'request' },
  signalwire: { max: 3, perMs: 1000, by: 'segment' },
}

/** The queue's rate: the option checked, or the provider's default. */
export function resolveRate(provider: string, rate: QueueRate | undefined): Required<QueueRate> {
  if (rate === undefined) {
    const known = DEFAULT_RATES[provider]
    if (!known) throw new TypeError(`createSendQueue: no documented rate for provider "${provider}": pass rate`)
    return known
  }
  const problems: string[] = []
  if (!Number.isInteger(rate.max) || rate.max < 1) problems.push('rate.max must be a whole number ≥ 1')
  if (!Number.isFinite(rate.perMs) || rate.perMs < 1) problems.push('rate.perMs must be a number of milliseconds ≥ 1')
  if (rate.by !== undefined && rate.by !== 'request' && rate.by !== 'segment') {
    problems.push("rate.by must be 'request' or 'segment'")
  }
  if (problems.length > 0) throw new TypeError(`createSendQueue: ${problems.join('; ')}`)
  return { max: rate.max, perMs: rate.perMs, by: rate.by ?? 'request' }
}

/** The burst a rate allows at once: a quarter of the window or less (a whole divisor of max). */
export function slice(rate: Required<QueueRate>): { max: number; perMs: number } {
  const parts = [4, 3, 2, 1].find((n) => rate.max % n === 0) ?? 1
  return { max: rate.max / parts, perMs: rate.perMs / parts }
}

/** What one send costs against the rate: 1, or its text's segments. */
export function costOf(rate: Required<QueueRate>, input: unknown): number {
  if (rate.by === 'request') return 1
  const text = (input as { text?: unknown } | null)?.text
  return typeof text === 'string' ? Math.max(1, countSegments(text).segments) : 1
}
