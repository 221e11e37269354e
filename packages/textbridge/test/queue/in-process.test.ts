// The send queue with the in-process store, against a provider that enforces its rate limit
// and remembers what it took: every job ends sent, failed or unknown, none is sent twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { isTextbridgeError, type QuoMessenger, type SignalWireMessenger } from '../../src/index.js'
import { createLane } from '../../src/queue/limiter.js'
import { costOf } from '../../src/queue/rate.js'
import { createSendQueue, formatProgress, type QueueProgress } from '../../src/queue.js'
import { messengerFor } from '../support/fixtures.js'
import { type LimitedProvider, limitedProvider } from '../support/limited-provider.js'

let provider: LimitedProvider
const quo = () => messengerFor('quo', provider.url) as QuoMessenger
const signalwire = () => messengerFor('signalwire', provider.url) as SignalWireMessenger
const to = (i: number) => `+1555${String(1_000_000 + i).slice(1)}`

beforeAll(async () => {
  provider = await limitedProvider({ max: 1000, perMs: 1000 })
})
afterAll(() => provider.close())

describe('createSendQueue with the in-process store', () => {
  it('sends every job once at the rate the provider enforces (100/s), with no 429', async () => {
    const limited = await limitedProvider({ max: 100, perMs: 1000 })
    const queue = createSendQueue({
      messenger: messengerFor('quo', limited.url) as QuoMessenger,
      rate: { max: 100, perMs: 1000 },
    })
    const sent: string[] = []
    queue.on('sent', ({ id, message }) => {
      sent.push(id)
      expect(message?.provider).toBe('quo')
    })
    const jobs = Array.from({ length: 150 }, (_, i) => ({ input: { to: to(i), text: `bulk ${i}` }, id: `bulk-${i}` }))
    expect((await queue.addBulk(jobs)).every((r) => r.added)).toBe(true)
    const worker = queue.work({ concurrency: 20 })
    await queue.drained()
    expect(await queue.counts()).toEqual({ pending: 0, active: 0, sent: 150, failed: 0, unknown: 0 })
    expect(sent.sort()).toEqual(jobs.map((j) => j.id).sort())
    expect(limited.taken).toHaveLength(150)
    expect(limited.rejected).toBe(0)
    expect(limited.duplicates()).toEqual([])
    await worker.close()
    await queue.close()
    await limited.close()
  })

  it('adds an id once: a second add, concurrent or later, sends nothing', async () => {
    const queue = createSendQueue({ messenger: quo() })
    const input = { to: to(900), text: 'once only' }
    const results = await Promise.all([queue.add(input, { id: 'r-42' }), queue.add(input, { id: 'r-42' })])
    expect(results.map((r) => r.added).sort()).toEqual([false, true])
    const worker = queue.work()
    await queue.drained()
    expect(await queue.add(input, { id: 'r-42' })).toEqual({ id: 'r-42', added: false })
    await queue.drained()
    expect(provider.taken.filter((t) => t.text === 'once only')).toHaveLength(1)
    await worker.close()
    await queue.close()
  })

  it('rejects a batch with a bad job before adding any of it, listing every problem', async () => {
    const queue = createSendQueue({ messenger: quo() })
    const error = await queue
      .addBulk([
        { input: { to: to(1), text: 'fine' }, id: 'ok-1' },
        { input: { to: '555', text: '' }, id: 'bad-1' },
        { input: { to: [to(2), to(3)], text: 'two' } as never, id: 'two' },
        { input: { to: to(4), text: 'x' }, id: '' },
      ])
      .catch((e: unknown) => e)
    expect(isTextbridgeError(error, 'ValidationError')).toBe(true)
    const paths = (error as { problems: { path: string }[] }).problems.map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining(['[1].to', '[1].text', '[2].to', '[3].id']))
    expect(await queue.counts()).toEqual({ pending: 0, active: 0, sent: 0, failed: 0, unknown: 0 })
    expect(() => createSendQueue({ messenger: quo(), rate: { max: 0, perMs: 1000 } })).toThrow(/rate.max/)
    expect(() => createSendQueue({ messenger: quo(), redis: 'http://x' } as never)).toThrow(/redis/)
    expect(() => createSendQueue({ messenger: quo(), colour: 'red' } as never)).toThrow(/unknown option "colour"/)
    await queue.close()
  })

  it('pauses the lane for Retry-After on a 429 and sends every job once after it', async () => {
    const tight = await limitedProvider({ max: 5, perMs: 200 })
    const queue = createSendQueue({
      messenger: messengerFor('quo', tight.url) as QuoMessenger,
      rate: { max: 40, perMs: 200 },
    })
    await queue.addBulk(
      Array.from({ length: 15 }, (_, i) => ({ input: { to: to(i), text: `tight ${i}` }, id: `t-${i}` })),
    )
    const worker = queue.work({ concurrency: 5 })
    await queue.drained()
    expect(tight.rejected).toBeGreaterThan(0)
    expect(await queue.counts()).toMatchObject({ sent: 15, failed: 0, unknown: 0 })
    expect(tight.taken).toHaveLength(15)
    expect(tight.duplicates()).toEqual([])
    await worker.close()
    await queue.close()
    await tight.close()
  })

  it('reconciles a Quo send answered 500: taken once either way', async () => {
    const queue = createSendQueue({ messenger: quo(), sendTimeoutMs: 300, reconcileAfterMs: 10 })
    provider.fail(1, 'after')
    await queue.add({ to: to(700), text: 'taken then 500' }, { id: 'q-after' })
    const worker = queue.work({ concurrency: 1 })
    await queue.drained()
    provider.fail(1, 'before')
    await queue.add({ to: to(701), text: 'refused with 500' }, { id: 'q-before' })
    await queue.drained()
    expect(await queue.counts()).toMatchObject({ sent: 2, failed: 0, unknown: 0 })
    expect(provider.taken.filter((t) => t.text === 'taken then 500')).toHaveLength(1)
    expect(provider.taken.filter((t) => t.text === 'refused with 500')).toHaveLength(1)
    await worker.close()
    await queue.close()
  })

  it('ends a SignalWire send answered 500 unknown, listed with its error, never sent again', async () => {
    const queue = createSendQueue({ messenger: signalwire() })
    const unknown: string[] = []
    queue.on('unknown', ({ id }) => unknown.push(id))
    provider.fail(1, 'after')
    await queue.add({ to: to(800), text: 'maybe sent' }, { id: 'sw-1' })
    const worker = queue.work()
    await queue.drained()
    expect(unknown).toEqual(['sw-1'])
    const [job] = await queue.unknown()
    expect(job).toMatchObject({ id: 'sw-1', input: { to: to(800), text: 'maybe sent' } })
    expect(job?.error).toMatchObject({ name: 'ProviderError', status: 500, sent: 'unknown' })
    expect(JSON.stringify(job)).not.toContain('sw-canary-token')
    expect(provider.taken.filter((t) => t.text === 'maybe sent')).toHaveLength(1)
    await worker.close()
    await queue.close()
  })

  it('fails a send the provider refused, with its typed error, without retrying it', async () => {
    const bad = await limitedProvider({ max: 100, perMs: 1000 })
    const queue = createSendQueue({ messenger: messengerFor('quo', `${bad.url}/nowhere`) as QuoMessenger })
    const failed: unknown[] = []
    queue.on('failed', ({ error }) => failed.push(error))
    await queue.add({ to: to(5), text: 'to a 404' }, { id: 'nf' })
    const worker = queue.work()
    await queue.drained()
    expect(failed).toEqual([expect.objectContaining({ name: 'NotFoundError', sent: 'no' })])
    expect((await queue.failed()).map((j) => j.id)).toEqual(['nf'])
    await worker.close()
    await queue.close()
    await bad.close()
  })

  it('retries a send that surely never left (connection refused) with backoff, then fails it', async () => {
    const closed = await limitedProvider({ max: 1, perMs: 1000 })
    await closed.close() // nothing listens on its port now: the connection is refused
    const queue = createSendQueue({
      messenger: messengerFor('quo', closed.url) as QuoMessenger,
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 },
    })
    await queue.add({ to: to(6), text: 'nobody there' }, { id: 'refused' })
    const worker = queue.work()
    await queue.drained()
    const [job] = await queue.failed()
    expect(job?.error).toMatchObject({ name: 'ConnectionError', requestSent: false, sent: 'no' })
    await worker.close()
    await queue.close()
  })

  it('reports progress: counts, rate achieved and ETA, as one line too', async () => {
    const queue = createSendQueue({ messenger: quo(), rate: { max: 200, perMs: 1000 }, progressIntervalMs: 20 })
    const seen: QueueProgress[] = []
    queue.on('progress', (p) => seen.push(p))
    await queue.addBulk(
      Array.from({ length: 30 }, (_, i) => ({ input: { to: to(300 + i), text: `p ${i}` }, id: `p-${i}` })),
    )
    // The first event before any send: the rate is measured from it, however late a loaded
    // machine runs the timers (had every text gone before it, the rate would stay 0).
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0))
    const worker = queue.work()
    await queue.drained()
    await vi.waitFor(() => expect(seen.at(-1)?.counts.sent).toBe(30))
    const last = seen.at(-1) as QueueProgress
    expect(seen.some((p) => p.ratePerSecond > 0 && p.etaMs !== undefined)).toBe(true)
    expect(formatProgress(last)).toMatch(/^30 sent · 0 failed · 0 unknown · 0 left · [\d.]+\/s · ETA 0 s$/)
    await worker.close()
    await queue.close()
  })
})

describe('a rate by segment', () => {
  it('spends each text by its segments: no 429 from a provider that counts segments', async () => {
    // Counted by request, 30 texts at 40/s would spend 90 segments of a 40-segment bucket in 0.75 s.
    const limited = await limitedProvider({ max: 40, perMs: 1000, by: 'segment' })
    const queue = createSendQueue({
      messenger: messengerFor('quo', limited.url) as QuoMessenger,
      rate: { max: 40, perMs: 1000, by: 'segment' },
    })
    const long = 'Your appointment is confirmed. '.repeat(10) // 310 GSM-7 characters: 3 segments
    await queue.addBulk(
      Array.from({ length: 30 }, (_, i) => ({ input: { to: to(i), text: `${long}${i}` }, id: `s-${i}` })),
    )
    const worker = queue.work()
    await queue.drained()
    expect(limited.rejected).toBe(0)
    expect(await queue.counts()).toMatchObject({ sent: 30, failed: 0, unknown: 0 })
    await worker.close()
    await queue.close()
    await limited.close()
  })

  it('holds the lane for as many units as a text costs (a fake clock)', async () => {
    vi.useFakeTimers()
    try {
      const lane = createLane({ max: 4, perMs: 40, by: 'segment' }) // one unit every 10 ms, bursts of one
      await lane.take(3)
      let next = false
      const waiting = lane.take(1).then(() => {
        next = true
      })
      await vi.advanceTimersByTimeAsync(29)
      expect(next).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      await waiting
      expect(next).toBe(true)
      expect(costOf({ max: 4, perMs: 40, by: 'segment' }, { text: `${'a'.repeat(160)}😜` })).toBe(3)
      expect(costOf({ max: 4, perMs: 40, by: 'request' }, { text: 'a'.repeat(1000) })).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
