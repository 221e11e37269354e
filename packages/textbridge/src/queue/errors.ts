// The queue's own errors (a worker that stopped mid-send, a missing peer) and how an error
// is kept in a job's record: its toJSON(), which carries no secret.
import { isTextbridgeError, TextbridgeError } from '../core/errors.js'
import type { SerializedError } from './types.js'

/** An error as a job's record keeps it. */
export function serializeError(error: unknown): SerializedError {
  if (isTextbridgeError(error)) return error.toJSON() as SerializedError
  if (error instanceof Error) return { name: error.name, message: error.message }
  return { name: 'Error', message: String(error) }
}

/** A send of a job began and never ended with an answer (its worker died, or the provider failed): it may have gone out. */
export function stalledSend(provider: string, reason: string): TextbridgeError {
  return new TextbridgeError(
    `A send of this job began and did not end with an answer; ${reason}. Check whether the text arrived before sending it again.`,
    { provider, operation: 'send', retryable: false, sent: 'unknown' },
  )
}
