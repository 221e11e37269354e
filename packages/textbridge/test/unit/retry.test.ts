import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ConnectionError,
  ProviderError,
  type QuoMessenger,
  RateLimitError,
  type RetryEvent,
  TimeoutError,
} from '../../src/index.js'
import { messengerFor, RAW_MESSAGE, TO } from '../support/fixtures.js'
import {
  hang,
  json,
  refusedUrl,
  reset,
  resetMidBody,
  type ScriptedServer,
  scriptedServer,
} from '../support/scripted-server.js'

const FAST = { retries: 2, minDelayMs: 5, maxDelayMs: 20, jitter: false }
const servers: ScriptedServer[] = []

async function serve(script: Parameters<typeof scriptedServer>[0]) {
  const server = await scriptedServer(script)
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function quo(baseUrl: string, extra: Record<string, unknown> = {}) {
  return messengerFor('quo', baseUrl, { retry: FAST, ...extra }) as QuoMessenger
}
const message = { data: RAW_MESSAGE.quo }
const send = { to: TO, text: 'Hello' }

describe('retries of a GET (get, list)', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a %i and succeeds on the next attempt', async (status) => {
    const server = await serve((_req, index, res) => (index === 0 ? json(res, status, {}) : json(res, 200, message)))
    const got = await quo(server.url).get('AC123abc')
    expect(got.id).toBe('AC123abc')
    expect(server.requests).toHaveLength(2)
  })

  it('gives up after the configured retries and says the error is retryable', async () => {
    const server = await serve((_req, _index, res) => json(res, 503, { message: 'down' }))
    const error = await quo(server.url)
      .get('AC123abc')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 503, retryable: true, operation: 'get' })
    expect(server.requests).toHaveLength(3)
  })

  it('takes the number of retries from the call over the messenger', async () => {
    const server = await serve((_req, _index, res) => json(res, 500, {}))
    await quo(server.url)
      .get('AC123abc', { retry: { retries: 4 } })
      .catch(() => undefined)
    expect(server.requests).toHaveLength(5)
    server.requests.length = 0
    await quo(server.url, { retry: { ...FAST, retries: 0 } })
      .get('AC123abc')
      .catch(() => undefined)
    expect(server.requests).toHaveLength(1)
  })

  it('does not retry a 400, 401, 403 or 404', async () => {
    for (const status of [400, 401, 403, 404]) {
      const server = await serve((_req, _index, res) => json(res, status, {}))
      await quo(server.url)
        .get('AC123abc')
        .catch(() => undefined)
      expect(server.requests, String(status)).toHaveLength(1)
    }
  })

  it('retries a connection that breaks off in the middle of the body', async () => {
    const server = await serve((_req, index, res) => (index === 0 ? resetMidBody(res) : json(res, 200, message)))
    expect((await quo(server.url).get('AC123abc')).id).toBe('AC123abc')
    expect(server.requests).toHaveLength(2)
  })

  it('retries a success whose body is not JSON', async () => {
    const server = await serve((_req, index, res) => {
      if (index > 0) return json(res, 200, message)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"data": {"id": "AC')
    })
    expect((await quo(server.url).get('AC123abc')).id).toBe('AC123abc')
    expect(server.requests).toHaveLength(2)
  })

  it('retries a reset connection and a refused one', async () => {
    const server = await serve((_req, index, res) => (index === 0 ? reset(res) : json(res, 200, message)))
    expect((await quo(server.url).get('AC123abc')).id).toBe('AC123abc')
    expect(server.requests).toHaveLength(2)
    const error = await quo(await refusedUrl())
      .get('AC123abc')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ requestSent: false, retryable: true })
    expect((error as Error).message).toMatch(/after 3 attempts/)
  })

  it('honours Retry-After in seconds, as an HTTP date, and retry-after-ms', async () => {
    const cases = [
      () => ({ 'retry-after': '1' }),
      // An HTTP date has whole seconds: two seconds ahead is at least one second of wait.
      () => ({ 'retry-after': new Date(Date.now() + 2000).toUTCString() }),
      () => ({ 'retry-after-ms': '300' }),
    ]
    for (const headersOf of cases) {
      const headers = headersOf()
      const events: RetryEvent[] = []
      const server = await serve((_req, index, res) =>
        index === 0 ? json(res, 429, {}, headers) : json(res, 200, message),
      )
      const started = Date.now()
      await quo(server.url, { onRetry: (event: RetryEvent) => events.push(event) }).get('AC123abc')
      const waited = Date.now() - started
      expect(events).toHaveLength(1)
      expect(events[0]?.delayMs, JSON.stringify(headers)).toBeGreaterThanOrEqual(250)
      expect(waited, JSON.stringify(headers)).toBeGreaterThanOrEqual(events[0]?.delayMs ?? 0)
    }
  })

  it('backs off exponentially from minDelayMs, capped at maxDelayMs', async () => {
    const events: RetryEvent[] = []
    const server = await serve((_req, _index, res) => json(res, 503, {}))
    await quo(server.url, {
      retry: { retries: 4, minDelayMs: 10, maxDelayMs: 50, jitter: false },
      onRetry: (event: RetryEvent) => events.push(event),
    })
      .get('AC123abc')
      .catch(() => undefined)
    expect(events.map((event) => event.delayMs)).toEqual([10, 20, 40, 50])
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3, 4])
    expect(events[0]).toMatchObject({ provider: 'quo', operation: 'get', reason: 'status', status: 503 })
  })

  it('spreads delays with jitter between 1× and 2×', async () => {
    const events: RetryEvent[] = []
    const server = await serve((_req, _index, res) => json(res, 503, {}))
    await quo(server.url, {
      retry: { retries: 2, minDelayMs: 20, maxDelayMs: 1000 },
      onRetry: (e: RetryEvent) => events.push(e),
    })
      .get('AC123abc')
      .catch(() => undefined)
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(20)
    expect(events[0]?.delayMs).toBeLessThanOrEqual(40)
    expect(events[1]?.delayMs).toBeGreaterThanOrEqual(40)
    expect(events[1]?.delayMs).toBeLessThanOrEqual(80)
  })

  it('never waits past the call timeout: a long Retry-After ends the call with a RateLimitError', async () => {
    const server = await serve((_req, _index, res) =>
      json(res, 429, { message: 'slow down' }, { 'retry-after': '120' }),
    )
    const started = Date.now()
    const error = await quo(server.url)
      .get('AC123abc', { timeoutMs: 2000 })
      .catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, retryable: true })
    expect(server.requests).toHaveLength(1)
  })

  it('ends a hanging call at its timeout, retries included', async () => {
    const server = await serve(() => hang())
    const started = Date.now()
    const error = await quo(server.url)
      .get('AC123abc', { timeoutMs: 200 })
      .catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ timeoutMs: 200, retryable: true })
  })

  it('ends a retry that hangs at the timeout, even when garbage collection ran in between', async () => {
    // A Request's link to its signal can be collected (Node's fetch): the deadline must still hold.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const server = await serve((_req, index, res) =>
      index === 0 ? json(res, 429, {}, { 'retry-after-ms': '50' }) : hang(),
    )
    const pending = quo(server.url).get('AC123abc', { timeoutMs: 600 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    gc()
    const started = Date.now()
    await expect(pending).rejects.toBeInstanceOf(TimeoutError)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(server.requests).toHaveLength(2)
  })

  it("settles at the timeout even with a caller's fetch that ignores abort signals", async () => {
    const fetch = () => new Promise<Response>(() => undefined)
    const started = Date.now()
    const error = await quo('https://x.invalid', { fetch })
      .get('AC123abc', { timeoutMs: 150 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it("rejects with the caller's abort reason, and stops retrying", async () => {
    const server = await serve((_req, _index, res) => json(res, 503, {}))
    const controller = new AbortController()
    const pending = quo(server.url, { retry: { retries: 5, minDelayMs: 200, jitter: false } }).get('AC123abc', {
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('stop')), 50)
    await expect(pending).rejects.toThrow('stop')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.requests).toHaveLength(1)
  })

  it("sends every attempt through the caller's fetch", async () => {
    const server = await serve((_req, index, res) => (index < 2 ? json(res, 502, {}) : json(res, 200, message)))
    const seen: string[] = []
    const fetch = (request: Request) => {
      seen.push(
        `${request.method} ${new URL(request.url).pathname} ${request.headers.get('authorization') ? 'auth' : ''}`,
      )
      return globalThis.fetch(request)
    }
    await quo(server.url, { fetch }).get('AC123abc')
    expect(seen).toEqual(Array(3).fill('GET /v1/messages/AC123abc auth'))
  })
})

describe('retries of a send: never a text twice', () => {
  it('does not retry a 5xx after the request was sent, and says the outcome is unknown', async () => {
    for (const status of [500, 502, 503, 504, 408]) {
      const server = await serve((_req, _index, res) => json(res, status, {}))
      const error = await quo(server.url)
        .send(send)
        .catch((e: unknown) => e)
      expect(error, String(status)).toBeInstanceOf(ProviderError)
      expect(error).toMatchObject({ status, retryable: false })
      expect((error as Error).message).toMatch(/may or may not have been sent/)
      expect(server.requests, String(status)).toHaveLength(1)
    }
  })

  it('retries a 429, which the provider did not process, re-sending the same body', async () => {
    const server = await serve((_req, index, res) =>
      index === 0 ? json(res, 429, {}, { 'retry-after-ms': '10' }) : json(res, 202, message),
    )
    const sent = await quo(server.url).send(send)
    expect(sent.id).toBe('AC123abc')
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body)
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ from: '+15555550100', to: [TO], content: 'Hello' })
  })

  it('retries when the connection was refused before anything was written', async () => {
    const events: RetryEvent[] = []
    const error = await quo(await refusedUrl(), { onRetry: (e: RetryEvent) => events.push(e) })
      .send(send)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ requestSent: false, retryable: true })
    expect((error as Error).message).toMatch(/nothing was sent/)
    expect(events.map((e) => e.reason)).toEqual(['connection', 'connection'])
  })

  it('does not retry a connection reset after the request was sent', async () => {
    const server = await serve((_req, _index, res) => reset(res))
    const error = await quo(server.url)
      .send(send)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error).toMatchObject({ requestSent: 'unknown', retryable: false })
    expect((error as Error).message).toMatch(/may have been sent/)
    expect(server.requests).toHaveLength(1)
  })

  it('does not retry a timeout after the request was sent', async () => {
    const server = await serve(() => hang())
    const error = await quo(server.url)
      .send(send, { timeoutMs: 150 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toMatchObject({ retryable: false })
    expect(server.requests).toHaveLength(1)
  })

  it('keeps the status when an accepted send breaks off mid-body, and says not to send again', async () => {
    const server = await serve((_req, _index, res) => resetMidBody(res, 202))
    const error = await quo(server.url)
      .send(send)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 202, retryable: false })
    expect((error as Error).message).toMatch(/do not send it again/)
    expect(server.requests).toHaveLength(1)
  })

  it('retries ambiguous failures only when the caller opts in', async () => {
    const server = await serve((_req, index, res) => (index < 2 ? json(res, 503, {}) : json(res, 202, message)))
    const sent = await quo(server.url).send(send, { retry: { retryAmbiguousSends: true } })
    expect(sent.id).toBe('AC123abc')
    expect(server.requests).toHaveLength(3)
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1)
  })
})
