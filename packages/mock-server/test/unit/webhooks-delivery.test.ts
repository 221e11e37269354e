import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StatefulMockServer, startMock } from '../../src/index.js'
import { type Receiver, startReceiver } from '../fixtures/receiver.js'

let receiver: Receiver
let mock: StatefulMockServer

beforeAll(async () => {
  receiver = await startReceiver()
  mock = await startMock({
    provider: 'textus',
    stateful: true,
    webhooks: { url: `${receiver.url}/hooks`, delayMs: 1, retries: 3, retryDelayMs: 1 },
  })
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})

/** A URL on a port nothing listens on. */
async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/gone`
}

const COUNTED = ['Timeout', 'TCPSocketWrap', 'TCPServerWrap', 'TCPConnectWrap']
function resources(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const name of process.getActiveResourcesInfo())
    if (COUNTED.includes(name)) counts[name] = (counts[name] ?? 0) + 1
  return counts
}

describe('webhook delivery', () => {
  it('retries a 5xx and a 429 like a provider, and resolves with what the receiver answered last', async () => {
    receiver.answerWith(500, 429, 503)
    const result = await mock.deliver({ type: 'message.received' })
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 4 })
    expect(result.error).toBeUndefined()
    const ids = receiver.received.slice(-4).map((delivery) => JSON.parse(delivery.body).id)
    expect(new Set(ids).size).toBe(1)
  })

  it('reports a delivery that keeps failing after its retries, without rejecting', async () => {
    receiver.answerWith(500, 500, 500, 500)
    const result = await mock.deliver({ type: 'message.delivered' })
    expect(result).toMatchObject({ ok: false, status: 500, attempts: 4, error: 'the receiver answered 500' })
    expect(mock.deliveries.at(-1)).toBe(result)
  })

  it('does not retry a 4xx other than 408 and 429', async () => {
    receiver.answerWith(401)
    expect(await mock.deliver({ type: 'message.failed' })).toMatchObject({ ok: false, status: 401, attempts: 1 })
  })

  it('retries a refused connection, then reports it with status 0', async () => {
    const url = await refusedUrl()
    const result = await mock.deliver({ type: 'message.received' }, { url })
    expect(result).toMatchObject({ ok: false, status: 0, attempts: 4, url })
    expect(result.error).toMatch(/ECONNREFUSED/)
  })

  it('reports failed status webhooks in mock.deliveries, never as an unhandled rejection', async () => {
    const url = await refusedUrl()
    const local = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url, delayMs: 1, retries: 1, retryDelayMs: 1 },
    })
    try {
      await fetch(`${local.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: 'key', 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+15555550100', to: ['+15555550123'], content: 'Hi' }),
      })
      await local.idle()
      expect(local.deliveries).toEqual([
        expect.objectContaining({ type: 'message.delivered', ok: false, status: 0, attempts: 2 }),
      ])
      expect(local.messages[0]?.status).toBe('delivered')
    } finally {
      await local.close()
    }
  })

  it('rejects a deliver without a URL, and a webhooks URL that is not http(s)', async () => {
    const local = await startMock({ provider: 'textus', stateful: true })
    try {
      await expect(local.deliver({ type: 'message.received' })).rejects.toThrow(/deliver needs a URL/)
      expect(local.webhookSecret).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await local.close()
    }
    await expect(startMock({ provider: 'textus', stateful: true, webhooks: { url: 'ftp://x' } })).rejects.toThrow(
      /absolute http\(s\) URL/,
    )
  })

  it('close() stops pending status changes and retries and leaves no timer or socket behind', async () => {
    const before = resources()
    const url = await refusedUrl()
    const local = await startMock({
      provider: 'quo',
      stateful: true,
      webhooks: { url, delayMs: 60_000, retries: 5, retryDelayMs: 60_000 },
    })
    await fetch(`${local.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'key', 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ from: '+15555550100', to: ['+15555550123'], content: 'Hi' }),
    })
    const pending = local.deliver({ type: 'message.received' })
    await local.close()
    expect(await pending).toMatchObject({ ok: false, error: 'the mock closed before the delivery succeeded' })
    expect(local.messages[0]?.status).toBe('queued')
    // Closed handles leave the list on a later turn of the event loop; other tests' may go too.
    const extra = () => Object.entries(resources()).filter(([name, count]) => count > (before[name] ?? 0))
    for (let turn = 0; turn < 50 && extra().length > 0; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(extra()).toEqual([])
  })
})
