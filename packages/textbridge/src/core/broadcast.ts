// A broadcast made of one request per recipient (Quo, SignalWire): each recipient gets its
// own outcome, and a failure for one never stops or repeats the others.
import type { AcceptedMessage, BroadcastResult, CallOptions, Message, Provider, RecipientResult } from '../types.js'
import { ConnectionError, isTextbridgeError } from './errors.js'

const CONCURRENCY = 4

export async function broadcast<P extends Provider, T>(
  provider: P,
  items: readonly T[],
  recipientOf: (item: T) => string,
  sendOne: (item: T) => Promise<Message<P> | AcceptedMessage<P>>,
  options: CallOptions | undefined,
): Promise<BroadcastResult<P>> {
  const results: RecipientResult<P>[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      const item = items[index] as T
      const to = recipientOf(item)
      if (options?.signal?.aborted) {
        results[index] = { to, ok: false, error: aborted(provider, false) }
        continue
      }
      try {
        results[index] = { to, ok: true, message: await sendOne(item) }
      } catch (error) {
        // A caller's abort while this one was on its way: it may have been sent.
        results[index] = {
          to,
          ok: false,
          error: isTextbridgeError(error) ? error : aborted(provider, 'unknown', error),
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker))
  const accepted = results.filter((result) => result.ok).length
  return { delivery: 'broadcast', results, accepted, failed: results.length - accepted }
}

/** The outcome of a recipient the caller's abort stopped, before or while sending. */
export function aborted(provider: Provider, requestSent: false | 'unknown', cause?: unknown): ConnectionError {
  return new ConnectionError(
    requestSent === false
      ? 'Not sent: the call was aborted before this recipient.'
      : 'The call was aborted while this message was being sent; it may have been sent.',
    { provider, operation: 'send', retryable: requestSent === false, requestSent, cause },
  )
}
