// The send queue's public vocabulary, the same for both stores.
import type { CallOptions, Capabilities, RetryOptions } from '../core/types.js'

/** What the queue needs of a messenger: its provider, capabilities and `send` (`list`, when it has one, for reconciling). */
export interface QueueMessenger {
  readonly provider: string
  readonly capabilities: Capabilities
  send(input: never, options?: CallOptions): Promise<unknown>
}

/** The input a messenger's `send` takes. */
export type SendInputOf<M> = M extends { send(input: infer I, ...rest: never[]): unknown } ? I : never

/** The result a messenger's `send` resolves with. */
export type SendResultOf<M> = M extends { send(...args: never[]): Promise<infer R> } ? R : never

/** A rate: `max` requests (or segments) per `perMs`. */
export interface QueueRate {
  max: number
  perMs: number
  /** What `max` counts: requests, or SMS segments of each text (`countSegments`). @default 'request' */
  by?: 'request' | 'segment'
}

/** A job's state. `pending` waits (or waits to retry), `active` is being sent; the last three are final. */
export type JobState = 'pending' | 'active' | 'sent' | 'failed' | 'unknown'

/** How many jobs are in each state, across every worker. */
export type QueueCounts = Record<JobState, number>

/** An error as it crossed into the queue's record: `toJSON()` of a TextbridgeError (no secrets), or name and message. */
export interface SerializedError {
  name: string
  message: string
  [field: string]: unknown
}

/** A job whose outcome is not known: the app decides (look it up, send again, or drop it). */
export interface UnknownJob<Input = unknown> {
  id: string
  input: Input
  error: SerializedError
}

/** Counts by state, the rate achieved and the time left: the `progress` event. */
export interface QueueProgress {
  counts: QueueCounts
  /** Jobs that ended (sent, failed or unknown) per second since the first progress event. */
  ratePerSecond: number
  /** Estimated milliseconds until nothing is pending or active (`undefined` before a rate is known). */
  etaMs: number | undefined
  elapsedMs: number
}

/** The events of a queue, from every worker in any process. */
export interface QueueEvents<Input = unknown, Result = unknown> {
  sent: { id: string; input: Input; message: Result | undefined }
  failed: { id: string; input: Input; error: SerializedError }
  unknown: { id: string; input: Input; error: SerializedError }
  progress: QueueProgress
}

export type QueueEventName = keyof QueueEvents

export interface AddOptions {
  /** The idempotency key: a second job with the same id is not added (and not sent) while the queue keeps its record. */
  id: string
}

export interface BulkJob<Input> {
  input: Input
  id: string
}

export interface AddResult {
  id: string
  /** False when a job with this id was already there (nothing new is sent). */
  added: boolean
}

export interface WorkOptions {
  /** Sends in flight at once in this worker. @default 10 */
  concurrency?: number
}

export interface QueueWorker {
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>
}

export interface SendQueueOptions<M extends QueueMessenger = QueueMessenger> {
  messenger: M
  /** A Redis URL: jobs live in Redis (BullMQ) and workers may run in any process. @default the in-process store */
  redis?: string
  /** The queue's name; with Redis, the workers and producers that share it share its jobs and its rate. @default `textbridge-<provider>` */
  name?: string
  /** The provider's rate, shared by every worker of the queue. @default the provider's documented limit (see README) */
  rate?: QueueRate
  /** Retries of sends that failed without sending anything (connection refused, 5xx refusals proved unsent), with the facade's backoff. @default { retries: 3, minDelayMs: 500, maxDelayMs: 8000, jitter: true } */
  retry?: Omit<RetryOptions, 'retryAmbiguousSends'>
  /** Time for each send (passed to the messenger as `timeoutMs`): a send that began is surely over this long after. @default 30000 */
  sendTimeoutMs?: number
  /** How long past a stalled send's deadline (`sendTimeoutMs`) its reconciliation waits, for the provider to list it. @default 5000 */
  reconcileAfterMs?: number
  /** How far before a stalled send the provider's list is searched for it. @default 120000 */
  reconcileWindowMs?: number
  /** With Redis: how long a sent job's record (and so its id) is kept. @default kept until removed */
  keepSentForMs?: number
  /** With Redis: a worker that stops renewing its lock for this long is taken for dead, and its job reconciled. @default 30000 */
  lockMs?: number
  /** Interval of the `progress` event. @default 1000 */
  progressIntervalMs?: number
}

export interface SendQueue<Input = unknown, Result = unknown> {
  /** Adds one send; the id is the idempotency key. */
  add(input: Input, options: AddOptions): Promise<AddResult>
  /** Adds many sends at once (one round trip with Redis). */
  addBulk(jobs: readonly BulkJob<Input>[]): Promise<AddResult[]>
  /** Listens to every worker's events; a listener added before an `add` hears every end of the jobs it adds. */
  on<E extends QueueEventName>(event: E, listener: (event: QueueEvents<Input, Result>[E]) => void): this
  off<E extends QueueEventName>(event: E, listener: (event: QueueEvents<Input, Result>[E]) => void): this
  counts(): Promise<QueueCounts>
  /** The jobs whose outcome is not known, with what went wrong. */
  unknown(): Promise<UnknownJob<Input>[]>
  /** The failed jobs, each with its typed error (serialized without secrets). */
  failed(): Promise<UnknownJob<Input>[]>
  /** Resolves when nothing is pending or active. */
  drained(): Promise<void>
  /** Starts sending from this process. */
  work(options?: WorkOptions): QueueWorker
  /** Stops the queue's connections (and the workers it started). */
  close(): Promise<void>
}
