// The send queue on Redis (BullMQ), with a real redis-server and worker processes that share
// it: the shared rate, kill -9 of workers mid-run, a Redis restart, and ids added twice from
// two processes. The default run is short and seeded; `pnpm reliability:queue` runs the full
// size (QUEUE_SENDS=2000 at QUEUE_RATE=100/s, QUEUE_CRASHES=5 kills, 4 workers).
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSendQueue, type SendQueue } from '../../src/queue.js'
import { messengerFor } from '../support/fixtures.js'
import { type LimitedProvider, limitedProvider } from '../support/limited-provider.js'
import { addFrom, type ProcessOptions, startWorker, stop } from '../support/queue-processes.js'
import { type RedisServer, startRedis } from '../support/redis-server.js'

const SENDS = Number(process.env.QUEUE_SENDS ?? 100)
const RATE = Number(process.env.QUEUE_RATE ?? 200)
const CRASHES = Number(process.env.QUEUE_CRASHES ?? 1)
const WORKERS = Number(process.env.QUEUE_WORKERS ?? 2)
const SEED = Number(process.env.QUEUE_SEED ?? 15)
// A dead worker's jobs are taken up within two of these, and reconciled 1.25 of them later.
const LOCK_MS = Number(process.env.QUEUE_LOCK_MS ?? 2000)
const TIMEOUT = 60_000 + (SENDS / RATE) * 4000

/** mulberry32: the same kill moments for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let redis: RedisServer
let run = 0
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

const to = (i: number) => `+1555${String(1_000_000 + i).slice(1)}`
const jobsOf = (label: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${label}-${i}`, input: { to: to(i), text: `${label} ${i}` } }))

interface Run {
  provider: LimitedProvider
  options: ProcessOptions
  queue: SendQueue
  workers: ChildProcess[]
}

interface Variant {
  /** The provider's own limit, when it is not the queue's rate. */
  providerRate?: { max: number; perMs: number }
  /** A path under the provider's URL (one that answers 404, say). */
  path?: string
  /** The queue's rate and the provider's limit, when not RATE requests a second. */
  rate?: { max: number; perMs: number; by: 'request' | 'segment' }
}

async function setUp(kind: 'quo' | 'signalwire', workers: number, variant: Variant = {}): Promise<Run> {
  const provider = await limitedProvider(variant.providerRate ?? variant.rate ?? { max: RATE, perMs: 1000 })
  const options: ProcessOptions = {
    redis: redis.url,
    name: `run-${++run}`,
    provider: kind,
    url: provider.url + (variant.path ?? ''),
    rate: variant.rate ?? { max: RATE, perMs: 1000 },
    concurrency: 10,
    // Short enough for a quick run, long enough that a loaded machine does not look like a crash.
    lockMs: LOCK_MS,
    sendTimeoutMs: LOCK_MS,
    reconcileAfterMs: LOCK_MS / 4,
  }
  const queue = createSendQueue({
    messenger: messengerFor(kind, provider.url),
    redis: redis.url,
    name: options.name,
    rate: options.rate,
  })
  const started = await Promise.all(Array.from({ length: workers }, () => startWorker(options)))
  return { provider, options, queue, workers: started }
}

async function tearDown({ provider, queue, workers }: Run): Promise<void> {
  await Promise.all(workers.map((w) => stop(w, 'SIGTERM')))
  await queue.close()
  await provider.close()
}

/** Runs `body` on a fresh set-up, taken down whatever happens. */
async function withRun(
  kind: 'quo' | 'signalwire',
  workers: number,
  body: (setup: Run) => Promise<void>,
  variant: Variant = {},
): Promise<void> {
  const setup = await setUp(kind, workers, variant)
  try {
    await body(setup)
  } finally {
    await tearDown(setup)
  }
}

/** Jobs not taken exactly once, with how many times they were. */
function notOnce(times: Map<string, number>): [string, number][] {
  return [...times].filter(([, n]) => n !== 1)
}

/** Each job's truth from the provider's record: taken how many times. */
function truth(provider: LimitedProvider, jobs: { input: { text: string } }[]): Map<string, number> {
  const times = new Map(jobs.map((j) => [j.input.text, 0]))
  for (const t of provider.taken) if (times.has(t.text)) times.set(t.text, (times.get(t.text) ?? 0) + 1)
  return times
}

describe('createSendQueue on Redis (BullMQ), across worker processes', () => {
  it(
    `sends ${SENDS} jobs once each from ${WORKERS} worker processes at the shared rate (${RATE}/s), with no 429`,
    async () => {
      await withRun('quo', WORKERS, async (setup) => {
        const jobs = jobsOf('rate', SENDS)
        const sent: string[] = []
        setup.queue.on('sent', ({ id }) => sent.push(id))
        const started = performance.now()
        await setup.queue.addBulk(jobs)
        await setup.queue.drained()
        const seconds = (performance.now() - started) / 1000
        console.log(
          `${SENDS} sends at ${RATE}/s on ${WORKERS} workers: ${seconds.toFixed(2)} s (floor ${(SENDS / RATE).toFixed(2)} s)`,
        )
        expect(await setup.queue.counts()).toEqual({ pending: 0, active: 0, sent: SENDS, failed: 0, unknown: 0 })
        expect(setup.provider.rejected).toBe(0)
        expect(setup.provider.duplicates()).toEqual([])
        expect(setup.provider.taken).toHaveLength(SENDS)
        await expect.poll(() => sent.length).toBe(SENDS)
      })
    },
    TIMEOUT,
  )

  // Mostly waiting for dead workers' locks to expire: the two run side by side.
  for (const kind of ['quo', 'signalwire'] as const) {
    it.concurrent(
      `loses no job and sends none twice when workers are killed -9 mid-run (${kind}: ${kind === 'quo' ? 'reconciled by listing' : 'unknown when in flight'})`,
      async ({ expect }) => {
        await withRun(kind, WORKERS, async (setup) => {
          const jobs = jobsOf(`crash-${kind}`, SENDS)
          await setup.queue.addBulk(jobs)
          const next = random(SEED)
          for (let crash = 0; crash < CRASHES; crash++) {
            // A random moment within this kill's share of the run, so that every kill lands mid-run.
            const at = Math.floor(((crash + next()) / CRASHES) * 0.9 * SENDS)
            await expect
              .poll(async () => (await setup.queue.counts()).sent, { timeout: TIMEOUT, interval: 20 })
              .toBeGreaterThanOrEqual(at)
            const victim = Math.floor(next() * setup.workers.length)
            await stop(setup.workers[victim] as ChildProcess, 'SIGKILL')
            setup.workers[victim] = await startWorker(setup.options)
          }
          await setup.queue.drained()
          const counts = await setup.queue.counts()
          const unknown = await setup.queue.unknown()
          const times = truth(setup.provider, jobs)
          const report = unknown.map((job) => ({ id: job.id, taken: times.get((job.input as { text: string }).text) }))
          console.log(
            `${kind}: ${CRASHES} kill -9, counts ${JSON.stringify(counts)}, unknown jobs and their truth:`,
            report,
          )
          expect(counts.pending + counts.active).toBe(0)
          expect(counts.sent + counts.failed + counts.unknown).toBe(SENDS)
          expect(counts.failed).toBe(0)
          expect(setup.provider.duplicates()).toEqual([])
          // Every job that did not end unknown is truthful: sent means taken once.
          const unknownIds = new Set(unknown.map((job) => job.id))
          for (const job of jobs) if (!unknownIds.has(job.id)) expect(times.get(job.input.text), job.id).toBe(1)
          expect(unknown).toHaveLength(counts.unknown)
          for (const job of unknown) expect(job.error).toMatchObject({ sent: 'unknown', provider: kind })
          if (kind === 'quo') expect(unknown).toEqual([])
        })
      },
      TIMEOUT,
    )
  }

  it(
    'keeps every job through a Redis restart mid-run: workers reconnect, nothing is lost or sent twice',
    async () => {
      await withRun('quo', WORKERS, async (setup) => {
        const jobs = jobsOf('restart', SENDS)
        await setup.queue.addBulk(jobs)
        await new Promise((resolve) => setTimeout(resolve, ((SENDS / RATE) * 1000) / 3))
        await redis.restart()
        await setup.queue.drained()
        expect(await setup.queue.counts()).toEqual({ pending: 0, active: 0, sent: SENDS, failed: 0, unknown: 0 })
        expect(notOnce(truth(setup.provider, jobs))).toEqual([])
      })
    },
    TIMEOUT,
  )

  it(
    'adds the same ids from two processes at once: each added once and sent once',
    async () => {
      await withRun('quo', 1, async (setup) => {
        const jobs = jobsOf('twice', Math.min(SENDS, 100))
        const [a, b] = await Promise.all([addFrom(setup.options, jobs), addFrom(setup.options, jobs)])
        for (const [i, job] of jobs.entries()) {
          expect([a?.[i]?.added, b?.[i]?.added].filter(Boolean), job.id).toHaveLength(1)
        }
        await setup.queue.drained()
        expect((await setup.queue.addBulk(jobs)).some((r) => r.added)).toBe(false)
        expect(notOnce(truth(setup.provider, jobs))).toEqual([])
      })
    },
    TIMEOUT,
  )

  it(
    'pauses every worker for Retry-After when a 429 still happens, and sends each job once after it',
    async () => {
      await withRun(
        'quo',
        2,
        async (setup) => {
          const jobs = jobsOf('pause', 30)
          await setup.queue.addBulk(jobs)
          await setup.queue.drained()
          expect(setup.provider.rejected).toBeGreaterThan(0)
          expect(await setup.queue.counts()).toEqual({ pending: 0, active: 0, sent: 30, failed: 0, unknown: 0 })
          expect(notOnce(truth(setup.provider, jobs))).toEqual([])
        },
        { providerRate: { max: 10, perMs: 500 } },
      )
    },
    TIMEOUT,
  )

  it(
    'fails a refused send with its typed error, told to a producer in another process and listed by failed()',
    async () => {
      await withRun(
        'quo',
        1,
        async (setup) => {
          const failed: { id: string; error: { name: string } }[] = []
          setup.queue.on('failed', (event) => failed.push(event))
          await setup.queue.addBulk(jobsOf('refused', 3))
          await setup.queue.drained()
          expect(await setup.queue.counts()).toEqual({ pending: 0, active: 0, sent: 0, failed: 3, unknown: 0 })
          const listed = await setup.queue.failed()
          expect(listed.map((job) => job.id).sort()).toEqual(['refused-0', 'refused-1', 'refused-2'])
          for (const job of listed) expect(job.error).toMatchObject({ name: 'NotFoundError', status: 404, sent: 'no' })
          expect(JSON.stringify(listed)).not.toContain('quo-canary-key')
          await expect.poll(() => failed.map((event) => event.error.name)).toEqual(Array(3).fill('NotFoundError'))
        },
        { path: '/nowhere' },
      )
    },
    TIMEOUT,
  )

  it(
    'spends a rate by segment across workers: no 429 from a provider that counts segments',
    async () => {
      await withRun(
        'signalwire',
        2,
        async (setup) => {
          // Counted by request, 30 texts at 40/s would spend 90 segments of a 40-segment bucket in 0.75 s.
          const long = 'Your appointment is confirmed. '.repeat(10) // 3 segments
          const jobs = Array.from({ length: 30 }, (_, i) => ({
            id: `seg-${i}`,
            input: { to: to(i), text: `${long}${i}` },
          }))
          await setup.queue.addBulk(jobs)
          await setup.queue.drained()
          expect(setup.provider.rejected).toBe(0)
          expect(await setup.queue.counts()).toEqual({ pending: 0, active: 0, sent: 30, failed: 0, unknown: 0 })
        },
        { rate: { max: 40, perMs: 1000, by: 'segment' } },
      )
    },
    TIMEOUT,
  )
})
