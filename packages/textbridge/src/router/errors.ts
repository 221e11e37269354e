// The router's own error: a provider skipped because its circuit is open, or every provider
// skipped so. Nothing was sent; trying again after `retryAfterMs` may succeed.
import { TextbridgeError } from '../core/errors.js'

export class CircuitOpenError extends TextbridgeError {
  override name = 'CircuitOpenError'
  /** How long until a circuit lets a probe through. */
  readonly retryAfterMs: number

  constructor(message: string, details: { provider?: string | undefined; retryAfterMs: number }) {
    super(message, { provider: details.provider, operation: 'send', retryable: true, sent: 'no' })
    this.retryAfterMs = details.retryAfterMs
  }
}

/** Puts the providers tried before this failure on it (enumerable: `toJSON()` keeps them). */
export function withAttempts<E>(error: E, attempts: readonly unknown[]): E {
  if ((typeof error === 'object' && error !== null) || typeof error === 'function') {
    Object.defineProperty(error, 'attempts', { value: [...attempts], enumerable: true, configurable: true })
  }
  return error
}
