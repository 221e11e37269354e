// A circuit breaker per provider, from cockatiel: after `failures` failures in a row the
// provider is skipped for `cooldownMs`, then one send probes it (half-open) and its outcome
// closes or reopens the circuit. An authentication failure opens it at once.
import { BrokenCircuitError, CircuitState, circuitBreaker, handleWhen, type IBreaker } from 'cockatiel'
import { isTextbridgeError, type TextbridgeError } from '../core/errors.js'
import type { ProviderHealth, RouterEvent, CircuitState as State } from './types.js'

/** Whether a failure says the provider is unwell (not that this input was refused). */
export function countsAgainst(error: unknown): boolean {
  if (!isTextbridgeError(error)) return false
  switch (error.name) {
    case 'AuthenticationError':
    case 'RateLimitError':
    case 'ConnectionError':
    case 'TimeoutError':
      return true
    case 'ProviderError':
      // 408 and 5xx, or a success it could not answer properly; other 4xx are about the input.
      return error.status === undefined || error.status === 408 || error.status >= 500 || error.sent === 'yes'
    default:
      return false
  }
}

/** Consecutive failures, as cockatiel's ConsecutiveBreaker counts them, plus "open now" for auth failures. */
class Breaker implements IBreaker {
  state = 0
  /** Failures seen by the filter that must open the circuit when cockatiel records them. */
  forced = 0
  constructor(private readonly threshold: number) {}
  success(): void {
    this.state = 0
  }
  failure(): boolean {
    this.state++
    if (this.forced > 0) {
      this.forced--
      return true
    }
    return this.state >= this.threshold
  }
}

/** What a skip during a probe tells the caller to wait, at most. */
const HALF_OPEN_WAIT_MS = 1000

const STATES: Record<CircuitState, State> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
}

export class Circuit {
  private readonly counter: Breaker
  private readonly policy: ReturnType<typeof circuitBreaker>
  private openedAt = 0
  private lastError: ProviderHealth['lastError']

  constructor(
    readonly provider: string,
    private readonly options: { failures: number; cooldownMs: number },
    emit: (event: RouterEvent) => void,
  ) {
    this.counter = new Breaker(options.failures)
    const filter = handleWhen((error) => {
      if (!countsAgainst(error)) return false
      const { name, message, status } = error as TextbridgeError
      this.lastError = status === undefined ? { name, message } : { name, message, status }
      if (name === 'AuthenticationError') this.counter.forced++
      return true
    })
    this.policy = circuitBreaker(filter, { halfOpenAfter: options.cooldownMs, breaker: this.counter })
    this.policy.onBreak(() => {
      this.openedAt = Date.now()
    })
    this.policy.onStateChange((state) => emit({ type: 'circuit', provider, state: STATES[state] }))
  }

  get state(): State {
    return STATES[this.policy.state]
  }

  /** How long until a send may go through: 0 when closed, or open with its cooldown over. */
  waitMs(now = Date.now()): number {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 0
      case CircuitState.HalfOpen:
        // A probe is on its way: the others do not queue behind it, and may try again once it is back.
        return Math.min(this.options.cooldownMs, HALF_OPEN_WAIT_MS)
      default:
        return Math.max(0, this.openedAt + this.options.cooldownMs - now)
    }
  }

  /** Runs a send through the breaker; throws cockatiel's BrokenCircuitError when it is open. */
  run<T>(send: () => Promise<T>): Promise<T> {
    return this.policy.execute(send)
  }

  health(): ProviderHealth {
    const state = this.state
    const health: ProviderHealth = { provider: this.provider, state, consecutiveFailures: this.counter.state }
    if (state === 'open') health.openUntil = new Date(this.openedAt + this.options.cooldownMs)
    if (this.lastError) health.lastError = { ...this.lastError }
    return health
  }
}

export function isBrokenCircuit(error: unknown): boolean {
  return error instanceof BrokenCircuitError
}
