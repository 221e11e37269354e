// What a broadcast resolves with: an outcome per recipient, a message or the error.
import type { TextbridgeError } from './errors.js'

/** What one recipient of a broadcast got; `M` is what a send of that provider resolves with. */
export type RecipientResultOf<M> =
  | { to: string; ok: true; message: M }
  | { to: string; ok: false; error: TextbridgeError }

/** A broadcast: one message per recipient, each with its own outcome, in the order of `to`. */
export interface BroadcastResultOf<M> {
  delivery: 'broadcast'
  results: RecipientResultOf<M>[]
  /** How many recipients' messages the provider accepted. */
  accepted: number
  /** How many failed; see each result's `error` (its `sent` and `retryable`). */
  failed: number
}
