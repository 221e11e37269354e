// Waiting that ends with the call: a signal's abort settles every wait at once.

/** A promise that rejects with the signal's reason when it aborts (never otherwise). */
export function abortion(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  aborted.catch(() => undefined)
  return aborted
}

/** Whichever settles first; a result that comes after the abort is handed to `discard`. */
export function raceAbort<T>(work: Promise<T>, abort: Promise<never>, discard: (late: T) => unknown): Promise<T> {
  return Promise.race([work, abort]).catch((error: unknown) => {
    work.then(discard, () => undefined)
    throw error
  })
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
