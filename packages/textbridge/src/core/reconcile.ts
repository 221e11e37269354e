// After a send whose outcome is unknown, a provider that can list messages can be asked
// whether the message is there. The search itself is the adapter's; this is the wiring.
import type { ReconcileOptions, Reconciliation } from '../types.js'
import { ConnectionError, ProviderError, type TextbridgeError, TimeoutError } from './errors.js'

/** A send failure after which the message may or may not have gone out. */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof TimeoutError) return error.operation === 'send'
  if (error instanceof ConnectionError) return error.operation === 'send' && error.requestSent === 'unknown'
  if (error instanceof ProviderError) {
    const status = error.status ?? 0
    return error.operation === 'send' && (status === 408 || status >= 500 || (status >= 200 && status < 300))
  }
  return false
}

/** Gives the error its `reconcile()` (not enumerable: it is not data, and holds the client). */
export function offerReconcile(
  error: TextbridgeError,
  search: (options?: ReconcileOptions) => Promise<Reconciliation>,
): void {
  Object.defineProperty(error, 'reconcile', { value: search, enumerable: false })
}
