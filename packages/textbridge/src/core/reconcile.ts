// After a send whose outcome is unknown, a provider that can look messages up can be asked
// whether the message is there. The search itself is the adapter's; this is the wiring.
import type { TextbridgeError } from './errors.js'
import { isTextbridgeError } from './errors.js'
import type { MessageOf, ReconcileOptions, ReconciliationOf } from './types.js'

/** A send failure after which the message may or may not have gone out (or went out unread). */
export function outcomeUnknown(error: unknown): boolean {
  return isTextbridgeError(error) && error.operation === 'send' && error.sent !== 'no' && error.name !== 'AbortError'
}

/** Gives the error its `reconcile()` (not enumerable: it is not data, and holds the client). */
export function offerReconcile(
  error: TextbridgeError,
  search: (options?: ReconcileOptions) => Promise<ReconciliationOf<MessageOf<string, unknown>>>,
): void {
  Object.defineProperty(error, 'reconcile', { value: search, enumerable: false })
}
