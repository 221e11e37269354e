// The Redis store: jobs are BullMQ jobs, so producers and workers may run in any process or
// machine, BullMQ's limiter spends the rate across all workers, and a worker that dies
// leaves a stalled job that another worker takes up. The marker in the job's data says
// whether its send had begun. BullMQ and ioredis are optional peers, loaded only here.
import type * as BullMQ from 'bullmq'
import type IORedis from 'ioredis'
import type { Outcome } from './runner.js'
import type { SendStore, StoreEvent, WorkerHooks } from './store.js'
import type { AddResult, BulkJob, QueueCounts, QueueRate, SerializedError, UnknownJob } from './types.js'

export interface BullmqStoreOptions {
  url: string
  name: string
  rate: Required<QueueRate>
  burst: { max: number; perMs: number }
  keepSentForMs: number | undefined
  lockMs: number
}

interface JobData {
  input: unknown
  tries: number
  markedAt?: number
  /** Who added it: a producer reads it back to know whether its add was the one that counted. */
  by: string
}

/** What a job that ended in failed or unknown keeps as its failedReason. */
interface Ended {
  state: 'failed' | 'unknown'
  input: unknown
  error: SerializedError
}

// Not string literals: a bundler that does not use this store must not look for them.
const peer = (name: string): Promise<unknown> => import(/* webpackIgnore: true */ /* @vite-ignore */ name)

async function loadPeers(): Promise<{ bullmq: typeof BullMQ; Redis: typeof IORedis }> {
  try {
    const [bullmq, ioredis] = (await Promise.all([peer('bullmq'), peer('ioredis')])) as [
      typeof BullMQ,
      { default?: typeof IORedis; Redis?: typeof IORedis },
    ]
    const Redis = ioredis.Redis ?? ioredis.default
    if (!Redis) throw new Error('ioredis exports no Redis class')
    return { bullmq, Redis }
  } catch (error) {
    throw new Error(
      'createSendQueue({ redis }) needs the packages bullmq (6) and ioredis installed beside textbridge: npm install bullmq ioredis',
      { cause: error },
    )
  }
}

export async function createBullmqStore(options: BullmqStoreOptions): Promise<SendStore> {
  const { bullmq, Redis } = await loadPeers()
  const { Queue, QueueEvents, Worker, DelayedError, UnrecoverableError } = bullmq
  // ioredis reconnects by itself; without a listener its errors would be printed or thrown.
  // Ours to end: BullMQ leaves a connection it was given open, and ioredis would retry it forever.
  const connections: IORedis[] = []
  const connect = () => {
    const connection = new Redis(options.url, { maxRetriesPerRequest: null }).on('error', () => undefined)
    connections.push(connection)
    return connection
  }
  const redis = connect()
  const queue = new Queue(options.name, { connection: redis })
  queue.on('error', () => undefined)
  const unknownKey = `bull:${options.name}:textbridge:unknown`
  const closers: (() => Promise<unknown>)[] = []
  const unitMs = options.rate.perMs / options.rate.max

  const parseEnded = (reason: string | undefined, input: unknown): Ended => {
    try {
      const ended = JSON.parse(reason ?? '') as Ended
      if (ended.state === 'failed' || ended.state === 'unknown') return ended
    } catch {}
    return { state: 'unknown', input, error: { name: 'Error', message: reason ?? 'the job failed without a reason' } }
  }

  return {
    async add(jobs: readonly BulkJob<unknown>[]): Promise<AddResult[]> {
      const by = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
      const removeOnComplete =
        options.keepSentForMs === undefined ? false : { age: Math.ceil(options.keepSentForMs / 1000) }
      await queue.addBulk(
        jobs.map(({ id, input }) => ({
          name: 'send',
          data: { input, tries: 0, by } satisfies JobData,
          // Failures of our own end the job at once (UnrecoverableError); the attempts are for
          // a store error before the send began (Redis away), which is safe to run again.
          opts: {
            jobId: id,
            removeOnComplete,
            removeOnFail: false,
            attempts: 100,
            backoff: { type: 'fixed', delay: 1000 },
          },
        })),
      )
      // The add is atomic in Redis: the job's data says whose add counted.
      const pipeline = redis.pipeline()
      for (const { id } of jobs) pipeline.hget(`bull:${options.name}:${id}`, 'data')
      const stored = (await pipeline.exec()) ?? []
      const seen = new Set<string>()
      return jobs.map(({ id }, i) => {
        const data = stored[i]?.[1]
        const added = !seen.has(id) && typeof data === 'string' && (JSON.parse(data) as JobData).by === by
        seen.add(id)
        return { id, added }
      })
    },

    async counts(): Promise<QueueCounts> {
      const [bull, unknown] = await Promise.all([
        queue.getJobCounts('waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'),
        redis.scard(unknownKey),
      ])
      const n = (key: string) => bull[key] ?? 0
      return {
        pending: n('waiting') + n('delayed') + n('prioritized') + n('waiting-children'),
        active: n('active'),
        sent: n('completed'),
        failed: Math.max(0, n('failed') - unknown),
        unknown,
      }
    },

    async ended(state): Promise<UnknownJob[]> {
      const unknownIds = new Set(await redis.smembers(unknownKey))
      const jobs =
        state === 'unknown'
          ? await Promise.all([...unknownIds].map((id) => queue.getJob(id)))
          : (await queue.getFailed(0, -1)).filter((job) => job?.id !== undefined && !unknownIds.has(job.id))
      return jobs
        .filter((job): job is BullMQ.Job => job !== undefined && job !== null)
        .map((job) => {
          const ended = parseEnded(job.failedReason, (job.data as JobData).input)
          return { id: job.id as string, input: (job.data as JobData).input, error: ended.error }
        })
    },

    work(hooks: WorkerHooks, concurrency: number) {
      const segments = options.rate.by === 'segment'
      const limiter = segments
        ? { max: 1, duration: unitMs }
        : { max: options.burst.max, duration: options.burst.perMs }
      const processor = async (job: BullMQ.Job, token?: string): Promise<unknown> => {
        const data = job.data as JobData
        const id = job.id as string
        if (segments) {
          // The limiter let one segment's slot pass; a longer text holds the lane for all of its segments.
          const cost = hooks.cost(data.input)
          if (cost > 1) await queue.rateLimit(Math.ceil(cost * unitMs))
        }
        const mark = async () => {
          await job.updateData({ ...data, markedAt: Date.now() })
        }
        const outcome: Outcome = await hooks.run(
          { id, input: data.input, tries: data.tries, markedAt: data.markedAt },
          mark,
        )
        const requeue = async (at: number, tries: number) => {
          await job.updateData({ input: data.input, tries, by: data.by })
          await job.moveToDelayed(at, token)
          throw new DelayedError()
        }
        switch (outcome.state) {
          case 'sent':
            return { input: data.input, message: outcome.message }
          case 'unknown':
            await redis.sadd(unknownKey, id)
            throw new UnrecoverableError(JSON.stringify({ state: 'unknown', input: data.input, error: outcome.error }))
          case 'failed':
            throw new UnrecoverableError(JSON.stringify({ state: 'failed', input: data.input, error: outcome.error }))
          case 'retry':
            return requeue(Date.now() + outcome.delayMs, data.tries + 1)
          case 'resend':
            return requeue(Date.now(), data.tries + 1)
          case 'wait':
            await job.moveToDelayed(outcome.untilMs, token)
            throw new DelayedError()
          case 'rate-limited':
            await job.updateData({ input: data.input, tries: data.tries, by: data.by })
            await queue.rateLimit(outcome.delayMs)
            throw Worker.RateLimitError()
        }
      }
      const worker = new Worker(options.name, processor, {
        connection: connect(),
        concurrency,
        limiter,
        lockDuration: options.lockMs,
        stalledInterval: options.lockMs,
        // A stalled job comes back as often as it stalls: its marker decides what happens to it.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      })
      // Connection errors are retried by ioredis; without a listener they would be thrown.
      worker.on('error', () => undefined)
      const connection = connections.at(-1) as IORedis
      const close = async () => {
        await worker.close()
        await worker.disconnect()
        connection.disconnect()
      }
      closers.push(close)
      return { close }
    },

    async subscribe(listener) {
      const events = new QueueEvents(options.name, { connection: connect() })
      events.on('completed', ({ jobId, returnvalue }) => {
        const value = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as {
          input: unknown
          message: unknown
        }
        listener({ type: 'sent', event: { id: jobId, input: value?.input, message: value?.message } })
      })
      events.on('failed', ({ jobId, failedReason }) => {
        const ended = parseEnded(failedReason, undefined)
        listener({ type: ended.state, event: { id: jobId, input: ended.input, error: ended.error } } as StoreEvent)
      })
      events.on('error', () => undefined)
      closers.push(() => events.close())
      await events.waitUntilReady()
    },

    async close() {
      for (const close of closers.splice(0).reverse()) await close()
      await queue.close()
      for (const connection of connections.splice(0)) connection.disconnect()
    },
  }
}
