// Which request gets which fault: by a fixed schedule, or at random from a seed (so a failing
// run can be had again). What each fault does to the answer is serve.ts's business.
import seedrandom from 'seedrandom'

/**
 * The faults a mock can inject. Those marked "before" answer without the request reaching the
 * mock (nothing was processed); the others spoil the answer to a request it did process.
 */
export const FAULT_KINDS = [
  /** before: 429 with `Retry-After` in seconds */
  'rate-limit',
  /** before: 429 with `Retry-After` as an HTTP date */
  'rate-limit-date',
  /** before: 500 */
  'server-error',
  /** before: 503 */
  'unavailable',
  /** before: the connection is reset, no answer at all */
  'reset',
  /** before: 400 whose body echoes the request's headers (a hostile server) */
  'echo-headers',
  /** after: 502 from a "gateway" that lost the answer */
  'bad-gateway',
  /** after: the status and half the body, then the connection is reset */
  'reset-mid-body',
  /** after: never answers (until the client gives up or the mock closes) */
  'hang',
  /** after: the answer, trickled out over `slowBodyMs` */
  'slow-body',
  /** after: the status with a body cut short, not JSON */
  'malformed-json',
  /** after: the answer labelled `text/html` */
  'wrong-content-type',
] as const

export type FaultKind = (typeof FAULT_KINDS)[number]

/** Faults that answer without the request being processed. */
export const BEFORE_PROCESSING: ReadonlySet<FaultKind> = new Set([
  'rate-limit',
  'rate-limit-date',
  'server-error',
  'unavailable',
  'reset',
  'echo-headers',
])

export interface FaultOptions {
  /** Request n (from 0) gets `schedule[n % length]`; `null` is no fault. */
  schedule?: readonly (FaultKind | null)[]
  /** Or: the chance, from 0 to 1, that a request gets a fault. @default 0 */
  rate?: number
  /** The kinds `rate` draws from, equally or with weights. @default every kind, equally */
  kinds?: readonly FaultKind[] | Partial<Record<FaultKind, number>>
  /** Seed of the draws. @default 'textbridge' */
  seed?: string | number
  /** Only requests this accepts may get a fault (they still count in the schedule). @default every request */
  only?: (request: { method: string; path: string }) => boolean
  /** The wait a rate limit asks for. @default 1 */
  retryAfterSeconds?: number
  /** How long a slow body takes. @default 1000 */
  slowBodyMs?: number
}

export interface FaultPlan {
  /** The fault for request number `index`, or undefined. */
  pick(request: { method: string; path: string; index: number }): FaultKind | undefined
  readonly retryAfterSeconds: number
  readonly slowBodyMs: number
}

export function faultPlan(options: FaultOptions): FaultPlan {
  if (options === null || typeof options !== 'object') throw new TypeError('faults must be an object')
  const known = new Set<string>(FAULT_KINDS)
  const check = (kind: unknown) => {
    if (kind !== null && !known.has(kind as string)) {
      throw new TypeError(`unknown fault "${String(kind)}"; known: ${FAULT_KINDS.join(', ')}`)
    }
  }
  options.schedule?.forEach(check)
  const rate = options.rate ?? 0
  if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new TypeError('faults.rate must be a number from 0 to 1')
  const weighted: [FaultKind, number][] = Array.isArray(options.kinds)
    ? (options.kinds as FaultKind[]).map((kind) => [kind, 1])
    : options.kinds
      ? (Object.entries(options.kinds) as [FaultKind, number][])
      : FAULT_KINDS.map((kind) => [kind, 1])
  for (const [kind, weight] of weighted) {
    check(kind)
    if (!(weight >= 0)) throw new TypeError(`faults.kinds.${kind} must be a weight ≥ 0`)
  }
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0)
  const random = seedrandom(String(options.seed ?? 'textbridge'))
  const retryAfterSeconds = options.retryAfterSeconds ?? 1
  const slowBodyMs = options.slowBodyMs ?? 1000
  return {
    retryAfterSeconds,
    slowBodyMs,
    pick({ method, path, index }) {
      // Draws happen for every request, so the faults a seed gives do not depend on `only`.
      const scheduled = options.schedule?.length ? options.schedule[index % options.schedule.length] : undefined
      let drawn: FaultKind | undefined
      if (rate > 0 && total > 0 && random() < rate) {
        let at = random() * total
        for (const [kind, weight] of weighted) {
          at -= weight
          if (at < 0) {
            drawn = kind
            break
          }
        }
      }
      const fault = scheduled ?? drawn
      if (!fault || (options.only && !options.only({ method, path }))) return undefined
      return fault
    },
  }
}
