// The router's vocabulary. A router knows messengers (what createMessenger makes), never a
// provider: anything with `provider`, `capabilities`, `send` and `preview` can be routed.
import type { TextbridgeError } from '../core/errors.js'
import type { PreviewResult } from '../core/messenger.js'
import type { SendOptions as CallOptions, Capabilities } from '../core/types.js'

/** What a router needs of a messenger. */
export interface RoutableMessenger {
  readonly provider: string
  readonly capabilities: Capabilities
  send(input: never, options?: CallOptions): Promise<unknown>
  preview(input: unknown, options?: CallOptions): Promise<PreviewResult>
}

/**
 * The order providers are tried in: `'failover'` always the order of `messengers`;
 * `'round-robin'` starts each send at the next one; `{ weights }` draws the first by weight
 * (then the others, by weight, as fallbacks; a weight of 0 is a fallback only).
 */
export type Strategy = 'failover' | 'round-robin' | { weights: Record<string, number> }

/**
 * What to do when a send fails in a way that leaves its outcome unknown (a 5xx, a timeout, a
 * reset after the request went out): `'reconcile'` looks the message up where the provider can
 * (Quo) and fails over only when it is not there, else rejects; `'reject'` rejects at once;
 * `'failover'` sends through the next provider anyway, and **may send the text twice**.
 */
export type OnAmbiguous = 'reject' | 'reconcile' | 'failover'

export interface BreakerOptions {
  /** Consecutive failures (5xx, timeouts, connection failures, 429s) that open a provider's circuit. @default 5 */
  failures?: number
  /** How long an open circuit skips its provider before one send probes it again. @default 30000 */
  cooldownMs?: number
}

/** Options of `createRouter`. */
export interface RouterOptions<M extends RoutableMessenger> {
  /** The messengers to route over, one per provider, in order of preference. */
  messengers: readonly M[]
  /** @default 'failover' */
  strategy?: Strategy
  /** @default 'reconcile' */
  onAmbiguous?: OnAmbiguous
  /** When a provider's circuit opens, and for how long. @default { failures: 5, cooldownMs: 30000 } */
  breaker?: BreakerOptions
  /** Time for a whole routed send: every provider tried and any reconcile. @default none: each messenger's own `timeoutMs` per attempt */
  timeoutMs?: number
  /** Called on each routing decision and circuit change (never with a credential). */
  onEvent?: (event: RouterEvent) => void
  /** The random numbers of `{ weights }` draws, from [0, 1). @default Math.random */
  random?: () => number
}

/** A provider tried (or passed over) before the outcome. */
export interface RouteAttempt {
  provider: string
  /** Why it did not send: its own error, or a ValidationError / CircuitOpenError when it was skipped. */
  error: TextbridgeError
  /** Set when no request was made: the input is not one this provider can send, or its circuit is open. */
  skipped?: 'invalid' | 'circuit-open'
  /** Set after an outcome-unknown failure that `reconcile()` found was not sent. */
  reconciled?: 'not-found'
}

/** What a routed send resolves with: the message, and every provider tried before the one that sent it. */
export type Routed<R> = R & { attempts: RouteAttempt[] }

/** A circuit's state: `closed` sends, `open` skips until `openUntil`, `half-open` lets one probe through. */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** One provider's health, as `health()` reports it. */
export interface ProviderHealth {
  provider: string
  state: CircuitState
  /** Failures since the last success. */
  consecutiveFailures: number
  /** When an open circuit lets a probe through. */
  openUntil?: Date
  /** The failure that last counted against the provider. */
  lastError?: { name: string; message: string; status?: number }
}

/** What `onEvent` is told. */
export type RouterEvent =
  | { type: 'skipped'; provider: string; reason: 'invalid' | 'circuit-open' }
  | {
      type: 'failed'
      provider: string
      error: TextbridgeError
      /** What the router does next: the next provider, a reconcile, or reject. */
      next: 'failover' | 'reconcile' | 'reject'
    }
  | { type: 'reconciled'; provider: string; outcome: 'sent' | 'not-found' | 'unknown' }
  | { type: 'sent'; provider: string; attempts: number }
  | { type: 'circuit'; provider: string; state: CircuitState }
