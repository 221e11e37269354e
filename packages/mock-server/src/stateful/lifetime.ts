// Every timer and delivery a stateful mock starts, so close() can stop them all and wait.

export interface Lifetime {
  readonly signal: AbortSignal
  /** Resolves after `ms`, or at once when the mock closes. */
  wait(ms: number): Promise<void>
  /** Keeps `work` until it settles, so close() and idle() can wait for it; never rejects. */
  track<T>(work: Promise<T>): Promise<T>
  /** Resolves once nothing tracked is pending. */
  idle(): Promise<void>
  close(): Promise<void>
}

export function lifetime(): Lifetime {
  const controller = new AbortController()
  const timers = new Map<ReturnType<typeof setTimeout>, () => void>()
  const pending = new Set<Promise<unknown>>()
  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending])
  }
  return {
    signal: controller.signal,
    wait(ms) {
      if (controller.signal.aborted) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer)
          resolve()
        }, ms)
        timers.set(timer, resolve)
      })
    },
    track(work) {
      pending.add(work)
      const done = () => pending.delete(work)
      work.then(done, done)
      return work
    },
    idle,
    async close() {
      controller.abort()
      for (const [timer, resolve] of timers) {
        clearTimeout(timer)
        resolve()
      }
      timers.clear()
      await idle()
    },
  }
}
