// createSendQueue: the queue over a store (in-process, or BullMQ when `redis` is given). The
// BullMQ store is imported only when asked for, so a bundle without Redis does not carry it.
import { type Problem, ValidationError } from '../core/errors.js'
import { Emitter } from './emitter.js'
import { createLane, type Lane } from './limiter.js'
import { createMemoryStore } from './memory-store.js'
import { trackProgress } from './progress.js'
import { costOf, resolveRate, slice } from './rate.js'
import { type RunSettings, runJob } from './runner.js'
import type { SendStore } from './store.js'
import type {
  AddResult,
  BulkJob,
  QueueEventName,
  QueueEvents,
  QueueMessenger,
  QueueWorker,
  SendInputOf,
  SendQueue,
  SendQueueOptions,
  SendResultOf,
  WorkOptions,
} from './types.js'

/** The options that are a time in milliseconds. */
const DURATIONS = [
  'sendTimeoutMs',
  'reconcileAfterMs',
  'reconcileWindowMs',
  'keepSentForMs',
  'lockMs',
  'progressIntervalMs',
] as const
const OPTIONS: readonly string[] = ['messenger', 'redis', 'name', 'rate', 'retry', ...DURATIONS]

// In one process, every queue of a messenger (one credential) shares its lane.
const lanes = new WeakMap<object, Map<string, Lane>>()

function laneOf(messenger: object, rate: ReturnType<typeof resolveRate>): Lane {
  const key = `${rate.max}/${rate.perMs}/${rate.by}`
  const byRate = lanes.get(messenger) ?? new Map<string, Lane>()
  lanes.set(messenger, byRate)
  const lane = byRate.get(key) ?? createLane(rate)
  byRate.set(key, lane)
  return lane
}

function checkOptions(options: SendQueueOptions): void {
  const where = 'createSendQueue'
  if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: expected an options object`)
  const problems = Object.keys(options)
    .filter((key) => !OPTIONS.includes(key))
    .map((key) => `unknown option "${key}"`)
  const m = options.messenger as Partial<QueueMessenger> | undefined
  if (!m || typeof m.send !== 'function' || typeof m.provider !== 'string' || typeof m.capabilities !== 'object') {
    problems.push('option "messenger" must be a messenger from createMessenger()')
  }
  if (options.redis !== undefined && (typeof options.redis !== 'string' || !/^rediss?:\/\//.test(options.redis))) {
    problems.push('option "redis" must be a redis:// or rediss:// URL')
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || !/^[\w.-]+$/.test(options.name))) {
    problems.push('option "name" must be letters, digits, ".", "_" or "-"')
  }
  for (const key of DURATIONS) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      problems.push(`option "${key}" must be a number of milliseconds`)
    }
  }
  if (problems.length > 0) throw new TypeError(`${where}: ${problems.join('; ')}`)
}

export function createSendQueue<M extends QueueMessenger>(
  options: SendQueueOptions<M>,
): SendQueue<SendInputOf<M>, SendResultOf<M>> {
  checkOptions(options)
  const { messenger } = options
  const rate = resolveRate(messenger.provider, options.rate)
  const burst = slice(rate)
  const retry = { retries: 3, minDelayMs: 500, maxDelayMs: 8000, jitter: true, ...options.retry }
  const settings: RunSettings = {
    messenger,
    retry,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    reconcileAfterMs: options.reconcileAfterMs ?? 5_000,
    reconcileWindowMs: options.reconcileWindowMs ?? 120_000,
    defaultPauseMs: burst.perMs,
  }
  const name = options.name ?? `textbridge-${messenger.provider}`
  const memory = options.redis === undefined ? createMemoryStore(laneOf(messenger, rate)) : undefined
  const loading: Promise<SendStore> = memory
    ? Promise.resolve(memory)
    : import('./bullmq-store.js').then(({ createBullmqStore }) =>
        createBullmqStore({
          url: options.redis as string,
          name,
          rate,
          burst,
          keepSentForMs: options.keepSentForMs,
          lockMs: options.lockMs ?? 30_000,
        }),
      )
  // A failed load (no bullmq installed) rejects each call with its clear error, never unhandled.
  loading.catch(() => undefined)
  const emitter = new Emitter<QueueEvents>()
  let subscribed: Promise<void> | undefined
  const subscribe = () => {
    subscribed ??= loading.then((store) => store.subscribe(({ type, event }) => emitter.emit(type, event as never)))
    return subscribed
  }
  const store = async (): Promise<SendStore> => {
    if (closed) throw new Error('This send queue is closed.')
    return loading
  }
  const counts = async () => (await store()).counts()
  const progress = trackProgress(counts, options.progressIntervalMs ?? 1000, (p) => emitter.emit('progress', p))
  const workers = new Set<QueueWorker>()
  let closed = false

  /** Every problem of every job, before any is added: a bad batch adds nothing. */
  async function check(jobs: readonly BulkJob<unknown>[], bulk: boolean): Promise<void> {
    if (closed) throw new Error('This send queue is closed.')
    const problems: Problem[] = []
    const at = (i: number, path: string) => (bulk ? `[${i}]${path ? `.${path}` : ''}` : path)
    for (const [i, job] of jobs.entries()) {
      if (typeof job?.id !== 'string' || job.id.length === 0 || job.id.length > 256 || job.id.includes(':')) {
        problems.push({
          path: at(i, 'id'),
          rule: 'id',
          message: 'must be a string of 1 to 256 characters without ":"',
          value: job?.id,
        })
        continue
      }
      const dry = await (
        messenger as unknown as { preview(input: unknown): Promise<{ mode: string; problems: Problem[] }> }
      ).preview(job.input)
      for (const p of dry.problems) problems.push({ ...p, path: at(i, p.path) })
      if (dry.problems.length === 0 && dry.mode !== 'send') {
        problems.push({
          path: at(i, 'to'),
          rule: 'one-send',
          message: 'a job is one send: add a job per recipient',
          value: (job.input as { to?: unknown }).to,
        })
      }
    }
    if (problems.length > 0) throw new ValidationError(messenger.provider, 'send', problems)
    // Listeners added before an add hear every end of the jobs it adds (with Redis, once subscribed).
    await subscribed
  }

  const queue: SendQueue<SendInputOf<M>, SendResultOf<M>> = {
    async add(input, addOptions) {
      const jobs = [{ input, id: addOptions?.id }] as BulkJob<unknown>[]
      await check(jobs, false)
      return (await (await store()).add(jobs))[0] as AddResult
    },
    async addBulk(jobs) {
      if (!Array.isArray(jobs)) throw new TypeError('addBulk: expected an array of { input, id }')
      await check(jobs, true)
      return (await store()).add(jobs)
    },
    on(event: QueueEventName, listener: (event: never) => void) {
      emitter.on(event, listener as never)
      if (event === 'progress') progress.start()
      else void subscribe().catch(() => undefined)
      return this
    },
    off(event: QueueEventName, listener: (event: never) => void) {
      emitter.off(event, listener as never)
      if (event === 'progress' && emitter.count('progress') === 0) progress.stop()
      return this
    },
    counts,
    unknown: async () => (await store()).ended('unknown') as never,
    failed: async () => (await store()).ended('failed') as never,
    async drained() {
      if (memory) return memory.whenDrained()
      for (;;) {
        const now = await counts()
        if (now.pending === 0 && now.active === 0) return
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    work(workOptions?: WorkOptions) {
      if (closed) throw new Error('This send queue is closed.')
      const concurrency = workOptions?.concurrency ?? 10
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new TypeError('work: concurrency must be a whole number ≥ 1')
      const hooks = { run: runJob.bind(null, settings), cost: (input: unknown) => costOf(rate, input) }
      const started = loading.then((store) => store.work(hooks, concurrency))
      started.catch(() => undefined)
      const worker: QueueWorker = {
        async close() {
          workers.delete(worker)
          await (await started).close()
        },
      }
      workers.add(worker)
      return worker
    },
    async close() {
      closed = true
      progress.stop()
      await Promise.all([...workers].map((w) => w.close()))
      await subscribed?.catch(() => undefined)
      await (await loading.catch(() => undefined))?.close()
    },
  }
  return queue
}
