// The in-process store's rate lane: a generic cell rate algorithm (a token bucket, as a
// schedule): each unit of cost takes perMs/max of the lane's time, with a burst of one slice.
// A 429's Retry-After pauses the lane. Lanes are shared by every queue of one messenger.
import { slice } from './rate.js'
import type { QueueRate } from './types.js'

export interface Lane {
  /** Waits until `cost` units may go, and takes them. */
  take(cost: number, signal?: AbortSignal): Promise<void>
  /** Nothing goes for `ms` from now. */
  pause(ms: number): void
}

export function createLane(rate: Required<QueueRate>, now: () => number = Date.now): Lane {
  const unitMs = rate.perMs / rate.max
  const burstMs = (slice(rate).max - 1) * unitMs
  // The theoretical arrival time: when the lane's spent units are paid back.
  let tat = 0
  let pausedUntil = 0
  let chain: Promise<void> = Promise.resolve()

  async function takeInOrder(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const at = now()
      const start = Math.max(tat, at)
      const ready = Math.max(start - burstMs, pausedUntil)
      if (ready <= at) {
        tat = Math.max(start, pausedUntil) + cost * unitMs
        return
      }
      await sleep(ready - at, signal)
    }
  }

  return {
    take(cost, signal) {
      // One waiter at a time, first come first served.
      const turn = chain.then(() => takeInOrder(cost, signal))
      chain = turn.catch(() => undefined)
      return turn
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms)
    },
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
