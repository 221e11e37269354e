// The retry decision and the backoff formula, tested alone: no provider, no network.
import retry from 'retry'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay } from '../../src/core/retry/backoff.js'
import { type AttemptOutcome, type AttemptPolicy, decide } from '../../src/core/retry/decide.js'
import { DEFAULT_RETRY } from '../../src/core/retry/policy.js'

const NOW = 1_000_000
const FAR = NOW + 60_000
const fixed = () => 0.5

function policy(operation: AttemptPolicy['operation'], extra: Partial<AttemptPolicy> = {}): AttemptPolicy {
  return { ...DEFAULT_RETRY, jitter: false, operation, ...extra }
}

const status = (code: number, headers: Record<string, string> = {}): AttemptOutcome => ({
  kind: 'status',
  status: code,
  headers: new Headers(headers),
})

describe('decide(): one pure retry decision', () => {
  it('retries a GET on 408, 429 and every 5xx, and on nothing else', () => {
    for (const code of [408, 429, 500, 502, 503, 504, 599]) {
      expect(decide(policy('get'), status(code), 1, FAR, NOW, fixed), String(code)).toMatchObject({
        retry: true,
        reason: 'status',
      })
    }
    for (const code of [200, 201, 400, 401, 403, 404, 409, 422, 600]) {
      expect(decide(policy('get'), status(code), 1, FAR, NOW, fixed), String(code)).toEqual({ retry: false })
    }
  })

  it('never retries a send after a 5xx or 408 (it may have been processed), but does after a 429', () => {
    for (const code of [408, 500, 503])
      expect(decide(policy('send'), status(code), 1, FAR, NOW)).toEqual({ retry: false })
    expect(decide(policy('send'), status(429), 1, FAR, NOW, fixed)).toMatchObject({ retry: true })
  })

  it('retries an ambiguous send only when the caller opts in', () => {
    const opted = policy('send', { retryAmbiguousSends: true })
    expect(decide(opted, status(503), 1, FAR, NOW, fixed)).toMatchObject({ retry: true })
    expect(decide(opted, { kind: 'no-answer', requestSent: 'unknown' }, 1, FAR, NOW, fixed)).toMatchObject({
      retry: true,
      reason: 'connection',
    })
  })

  it('retries a send whose connection was never made, and not one that may have left', () => {
    expect(decide(policy('send'), { kind: 'no-answer', requestSent: false }, 1, FAR, NOW, fixed)).toMatchObject({
      retry: true,
      reason: 'connection',
    })
    expect(decide(policy('send'), { kind: 'no-answer', requestSent: 'unknown' }, 1, FAR, NOW)).toEqual({ retry: false })
  })

  it('retries a broken or non-JSON body of a read, never of a send', () => {
    expect(decide(policy('list'), { kind: 'broken-body', status: 200 }, 1, FAR, NOW, fixed)).toMatchObject({
      reason: 'connection',
    })
    expect(decide(policy('get'), { kind: 'not-json', status: 200 }, 1, FAR, NOW, fixed)).toMatchObject({
      reason: 'body',
    })
    expect(decide(policy('send'), { kind: 'broken-body', status: 200 }, 1, FAR, NOW)).toEqual({ retry: false })
    expect(
      decide(policy('send', { retryAmbiguousSends: true }), { kind: 'not-json', status: 200 }, 1, FAR, NOW),
    ).toEqual({
      retry: false,
    })
  })

  it('stops after `retries` retries', () => {
    const twice = policy('get', { retries: 2 })
    expect(decide(twice, status(503), 2, FAR, NOW, fixed).retry).toBe(true)
    expect(decide(twice, status(503), 3, FAR, NOW, fixed).retry).toBe(false)
    expect(decide(policy('get', { retries: 0 }), status(503), 1, FAR, NOW, fixed).retry).toBe(false)
  })

  it('waits as long as the provider asks, and not past the deadline', () => {
    expect(decide(policy('get'), status(429, { 'retry-after': '3' }), 1, FAR, NOW)).toEqual({
      retry: true,
      delayMs: 3000,
      reason: 'status',
    })
    expect(decide(policy('get'), status(429, { 'retry-after-ms': '250.2' }), 1, FAR, NOW)).toMatchObject({
      delayMs: 251,
    })
    const date = new Date(NOW + 5000).toUTCString()
    expect(decide(policy('get'), status(503, { 'retry-after': date }), 1, FAR, NOW)).toMatchObject({ delayMs: 5000 })
    expect(decide(policy('get'), status(429, { 'retry-after': '120' }), 1, NOW + 60_000, NOW)).toEqual({ retry: false })
    expect(decide(policy('get', { minDelayMs: 500 }), status(503), 1, NOW + 400, NOW)).toEqual({ retry: false })
  })

  it('backs off exponentially from minDelayMs, capped at maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5, 6].map(
      (attempt) =>
        (decide(policy('get', { retries: 9 }), status(503), attempt, FAR, NOW) as { delayMs: number }).delayMs,
    )
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000])
  })
})

describe('backoffDelay(): the formula of the `retry` package, written out', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('agrees with retry.createTimeout for every attempt, setting and random draw', () => {
    const draws = [0, 0.1234, 0.5, 0.75, 0.999999]
    for (const minDelayMs of [0, 1, 100, 500, 1000]) {
      for (const maxDelayMs of [0, 500, 8000, 60_000]) {
        for (const jitter of [false, true]) {
          for (const draw of draws) {
            vi.spyOn(Math, 'random').mockReturnValue(draw)
            for (let attempt = 1; attempt <= 12; attempt++) {
              const theirs = retry.createTimeout(attempt - 1, {
                minTimeout: minDelayMs,
                maxTimeout: maxDelayMs,
                factor: 2,
                randomize: jitter,
              })
              const ours = backoffDelay({ minDelayMs, maxDelayMs, jitter }, attempt)
              expect(ours, JSON.stringify({ minDelayMs, maxDelayMs, jitter, draw, attempt })).toBe(theirs)
            }
          }
        }
      }
    }
  })
})
