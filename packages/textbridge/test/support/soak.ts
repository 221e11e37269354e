// Running many calls with a bounded concurrency, and timing each.
export interface Outcome<T> {
  index: number
  ok: boolean
  value?: T
  error?: unknown
  ms: number
}

export async function pool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const index = next++
      const started = performance.now()
      try {
        const value = await task(index)
        outcomes[index] = { index, ok: true, value, ms: performance.now() - started }
      } catch (error) {
        outcomes[index] = { index, ok: false, error, ms: performance.now() - started }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return outcomes
}

/** How many times each value occurs more than once. */
export function duplicates(values: string[]): string[] {
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const value of values) (seen.has(value) ? twice : seen).add(value)
  return [...twice]
}

/** Open handles of this process by kind (sockets, servers, timers…). */
export function handles(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}
