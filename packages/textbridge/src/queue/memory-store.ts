// The in-process store: the same semantics as the BullMQ store, minus durability. Jobs live in
// this process's memory, so a crash forgets them (and the ids it has seen).
import type { Lane } from './limiter.js'
import type { Outcome, StoreJob } from './runner.js'
import type { SendStore, StoreEvent, WorkerHooks } from './store.js'
import type { AddResult, BulkJob, JobState, QueueCounts, SerializedError, UnknownJob } from './types.js'

interface Record extends StoreJob {
  state: JobState
  error: SerializedError | undefined
}

export function createMemoryStore(lane: Lane): SendStore & { whenDrained(): Promise<void> } {
  const records = new Map<string, Record>()
  const ready: Record[] = []
  const counts: QueueCounts = { pending: 0, active: 0, sent: 0, failed: 0, unknown: 0 }
  const listeners = new Set<(event: StoreEvent) => void>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let wake: (() => void)[] = []
  let drainWaiters: (() => void)[] = []

  const notify = () => {
    const waiting = wake
    wake = []
    for (const resume of waiting) resume()
  }
  const move = (record: Record, state: JobState) => {
    counts[record.state] -= 1
    counts[state] += 1
    record.state = state
    if (counts.pending === 0 && counts.active === 0) {
      const waiting = drainWaiters
      drainWaiters = []
      for (const resolve of waiting) resolve()
    }
  }
  const enqueue = (record: Record, delayMs = 0) => {
    if (delayMs <= 0) {
      ready.push(record)
      notify()
      return
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      enqueue(record)
    }, delayMs)
    timers.add(timer)
  }
  const tell = (event: StoreEvent) => {
    for (const listener of listeners) listener(event)
  }

  function settle(record: Record, outcome: Outcome): void {
    const { id, input } = record
    switch (outcome.state) {
      case 'sent':
        record.markedAt = undefined
        move(record, 'sent')
        tell({ type: 'sent', event: { id, input, message: outcome.message } })
        return
      case 'failed':
      case 'unknown':
        record.error = outcome.error
        move(record, outcome.state)
        tell({ type: outcome.state, event: { id, input, error: outcome.error } } as StoreEvent)
        return
      case 'retry':
      case 'resend':
        record.markedAt = undefined
        record.tries += 1
        move(record, 'pending')
        enqueue(record, outcome.state === 'retry' ? outcome.delayMs : 0)
        return
      case 'rate-limited':
        record.markedAt = undefined
        lane.pause(outcome.delayMs)
        move(record, 'pending')
        enqueue(record)
        return
      case 'wait':
        move(record, 'pending')
        enqueue(record, outcome.untilMs - Date.now())
        return
    }
  }

  return {
    async add(jobs: readonly BulkJob<unknown>[]): Promise<AddResult[]> {
      return jobs.map(({ id, input }) => {
        if (records.has(id)) return { id, added: false }
        const record: Record = { id, input, tries: 0, markedAt: undefined, state: 'pending', error: undefined }
        records.set(id, record)
        counts.pending += 1
        enqueue(record)
        return { id, added: true }
      })
    },
    async counts() {
      return { ...counts }
    },
    async ended(state) {
      return [...records.values()]
        .filter((r) => r.state === state)
        .map((r) => ({ id: r.id, input: r.input, error: r.error as SerializedError })) as UnknownJob[]
    },
    whenDrained() {
      if (counts.pending === 0 && counts.active === 0) return Promise.resolve()
      return new Promise((resolve) => drainWaiters.push(resolve))
    },
    work(hooks: WorkerHooks, concurrency: number) {
      const stop = new AbortController()
      const slot = async () => {
        while (!stop.signal.aborted) {
          const record = ready.shift()
          if (!record) {
            await new Promise<void>((resume) => {
              wake.push(resume)
              stop.signal.addEventListener('abort', () => resume(), { once: true })
            })
            continue
          }
          try {
            await lane.take(hooks.cost(record.input), stop.signal)
          } catch {
            ready.unshift(record) // closing: the job waits for the next worker
            return
          }
          move(record, 'active')
          const mark = async () => {
            record.markedAt = Date.now()
          }
          const outcome = await hooks
            .run(record, mark)
            .catch(
              (error: unknown): Outcome => ({ state: 'unknown', error: { name: 'Error', message: String(error) } }),
            )
          settle(record, outcome)
        }
      }
      const slots = Array.from({ length: concurrency }, slot)
      return {
        async close() {
          stop.abort()
          await Promise.all(slots)
        },
      }
    },
    async subscribe(listener) {
      listeners.add(listener)
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      listeners.clear()
    },
  }
}
