// A broadcast: each recipient gets its own outcome, and a failure for one never stops or
// repeats the others. One request per recipient (Quo, SignalWire), or one request for all of
// them (TextUs), whose one outcome they share.
import { AbortError, isTextbridgeError, type TextbridgeError } from './errors.js'
import type { BroadcastResultOf, RecipientResultOf } from './results.js'

const CONCURRENCY = 4

/** One request per body (one recipient each), at most CONCURRENCY at once; `signal` stops those not yet started. */
export async function eachRecipient<B, M>(
  provider: string,
  bodies: readonly B[],
  recipients: (body: B) => string[],
  send: (body: B) => Promise<M[]>,
  signal: AbortSignal | undefined,
): Promise<BroadcastResultOf<M>> {
  const results: RecipientResultOf<M>[] = new Array(bodies.length)
  let next = 0
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++
      const body = bodies[index] as B
      const to = recipients(body)[0] as string
      if (signal?.aborted) {
        results[index] = { to, ok: false, error: notStarted(provider, signal.reason) }
        continue
      }
      try {
        results[index] = { to, ok: true, message: (await send(body))[0] as M }
      } catch (error) {
        results[index] = { to, ok: false, error: asError(provider, error) }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, bodies.length) }, worker))
  return summed(results)
}

/** How a broadcast's bodies go out: `send` resolves with a result per recipient of a body. */
export type FanOut = typeof eachRecipient

/** One request for every recipient (the first body): each gets its message, or all share the failure. */
export const oneRequest: FanOut = async (provider, bodies, recipients, send) => {
  const body = bodies[0] as (typeof bodies)[number]
  const to = recipients(body)
  try {
    const messages = await send(body)
    return summed(
      to.map((recipient, index) => ({
        to: recipient,
        ok: true as const,
        message: messages[index] as (typeof messages)[number],
      })),
    )
  } catch (error) {
    const failure = asError(provider, error)
    return summed(to.map((recipient) => ({ to: recipient, ok: false as const, error: failure })))
  }
}

function summed<M>(results: RecipientResultOf<M>[]): BroadcastResultOf<M> {
  const accepted = results.filter((result) => result.ok).length
  return { delivery: 'broadcast', results, accepted, failed: results.length - accepted }
}

function notStarted(provider: string, reason: unknown): AbortError {
  return new AbortError('Not sent: the call was aborted before this recipient.', {
    provider,
    operation: 'send',
    sent: 'no',
    retryable: true,
    cause: reason,
  })
}

/** Every failure of a call is one of ours; anything else is a fault that the result must still hold. */
function asError(provider: string, error: unknown): TextbridgeError {
  if (isTextbridgeError(error)) return error
  return new AbortError('The send failed while this message was being sent; it may have been sent.', {
    provider,
    operation: 'send',
    sent: 'unknown',
    cause: error,
  })
}
