// The send queue (textbridge/queue): throughput as a share of the configured rate against a
// provider that enforces it (a token bucket answering 429 past it), with the in-process store
// and with the Redis store on worker processes sharing one redis-server; and the queue's own
// cost per job with the in-process store (fetch stubbed, rate out of the way).
import { loadavg } from 'node:os'
import { createMessenger } from 'textbridge'
import { createSendQueue } from 'textbridge/queue'
import { limitedProvider } from '../../packages/textbridge/test/support/limited-provider.ts'
import { startWorker, stop } from '../../packages/textbridge/test/support/queue-processes.ts'
import { startRedis } from '../../packages/textbridge/test/support/redis-server.ts'

const QUO = { provider: 'quo', apiKey: 'bench-key-0000', from: '+15555550100', phoneNumberId: 'PN123abc' }
const to = (i) => `+1555${String(1_000_000 + i).slice(1)}`
const jobsOf = (label, n) =>
  Array.from({ length: n }, (_, i) => ({ id: `${label}-${i}`, input: { to: to(i), text: `${label} ${i}` } }))

/** One run: `sends` jobs at `rate`/s; the floor is the time the rate allows (the first burst is free). */
async function throughput({ store, sends, rate, workers, redis }) {
  const provider = await limitedProvider({ max: rate, perMs: 1000 })
  const messenger = createMessenger({ ...QUO, baseUrl: provider.url })
  const name = `bench-${store}-${Date.now()}`
  const options = { messenger, rate: { max: rate, perMs: 1000 }, ...(redis ? { redis: redis.url, name } : {}) }
  const queue = createSendQueue(options)
  const children = redis
    ? await Promise.all(
        Array.from({ length: workers }, () =>
          startWorker({
            redis: redis.url,
            name,
            provider: 'quo',
            url: provider.url,
            rate: options.rate,
            concurrency: 10,
          }),
        ),
      )
    : []
  const local = redis ? undefined : queue.work({ concurrency: 10 })
  const load = loadavg()[0]
  const started = performance.now()
  await queue.addBulk(jobsOf('bench', sends))
  const addSeconds = (performance.now() - started) / 1000
  await queue.drained()
  const seconds = (performance.now() - started) / 1000
  // The provider's view: from the first text it took to the last.
  const takenSeconds = ((provider.taken.at(-1)?.at ?? 0) - (provider.taken[0]?.at ?? 0)) / 1000
  const counts = await queue.counts()
  await local?.close()
  await Promise.all(children.map((child) => stop(child, 'SIGTERM')))
  await queue.close()
  await provider.close()
  const floor = sends / rate
  return {
    store,
    workers,
    sends,
    rate,
    seconds,
    addSeconds,
    takenSeconds,
    floorSeconds: floor,
    shareOfLimit: floor / seconds,
    rejected429: provider.rejected,
    sent: counts.sent,
    takenTwice: provider.duplicates().length,
    loadAverage: load,
  }
}

/** The queue's cost per job: sends through the queue minus the same sends made directly. */
async function overhead(jobs) {
  const body = JSON.stringify({
    data: {
      id: 'AC1',
      to: [to(0)],
      from: QUO.from,
      text: 'x',
      phoneNumberId: 'PN123abc',
      conversationId: 'CN1',
      direction: 'outgoing',
      userId: 'US1',
      status: 'queued',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    },
  })
  const fetch = () =>
    Promise.resolve(new Response(body, { status: 202, headers: { 'content-type': 'application/json' } }))
  const messenger = createMessenger({ ...QUO, fetch })
  const list = jobsOf('overhead', jobs)
  let started = performance.now()
  for (const job of list) await messenger.send(job.input, { retry: { retries: 0 } })
  const direct = performance.now() - started
  const queue = createSendQueue({ messenger, rate: { max: 1_000_000, perMs: 1 } })
  const worker = queue.work({ concurrency: 1 })
  started = performance.now()
  await queue.addBulk(list)
  await queue.drained()
  const queued = performance.now() - started
  await worker.close()
  await queue.close()
  return {
    jobs,
    directMsPerJob: direct / jobs,
    queuedMsPerJob: queued / jobs,
    overheadUsPerJob: ((queued - direct) / jobs) * 1000,
  }
}

/** @param {{ quick: boolean }} budget */
export async function measureQueue({ quick }) {
  const sends = quick ? 100 : 2000
  const rate = quick ? 200 : 100
  const runs = [await throughput({ store: 'in-process', sends, rate, workers: 1 })]
  const redis = await startRedis()
  try {
    runs.push(await throughput({ store: 'redis', sends, rate, workers: quick ? 2 : 4, redis }))
  } finally {
    await redis.stop()
  }
  return { throughput: runs, overhead: await overhead(quick ? 200 : 5000) }
}
