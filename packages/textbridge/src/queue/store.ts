// The one store interface: where jobs live, who may take them, and where their ends are told.
// The in-process store keeps them in memory; the BullMQ store in Redis, for many processes.
import type { Outcome, StoreJob } from './runner.js'
import type { AddResult, BulkJob, QueueCounts, QueueEvents, UnknownJob } from './types.js'

/** An end of a job, as a store tells it to every queue listening (in any process, with Redis). */
export type StoreEvent =
  | { type: 'sent'; event: QueueEvents['sent'] }
  | { type: 'failed'; event: QueueEvents['failed'] }
  | { type: 'unknown'; event: QueueEvents['unknown'] }

export interface WorkerHooks {
  /** Runs one job; `mark` records durably that its send begins. */
  run(job: StoreJob, mark: () => Promise<void>): Promise<Outcome>
  /** What a job costs against the rate (1, or its segments). */
  cost(input: unknown): number
}

export interface SendStore {
  /** Adds jobs; an id already known is not added again. */
  add(jobs: readonly BulkJob<unknown>[]): Promise<AddResult[]>
  counts(): Promise<QueueCounts>
  /** Jobs that ended in `state`, with their errors. */
  ended(state: 'failed' | 'unknown'): Promise<UnknownJob[]>
  /** Starts taking jobs in this process. */
  work(hooks: WorkerHooks, concurrency: number): { close(): Promise<void> }
  /** Tells `listener` every end of a job, from every worker. */
  subscribe(listener: (event: StoreEvent) => void): Promise<void>
  close(): Promise<void>
}
