// The retry loop with a custom fetch, as openapi-fetch's own tests do: no provider, no server.
import { describe, expect, it } from 'vitest'
import { NoAnswer } from '../../src/core/retry/failures.js'
import { retryingFetch } from '../../src/core/retry/fetch.js'
import { DEFAULT_RETRY } from '../../src/core/retry/policy.js'
import type { RetryEvent } from '../../src/core/types.js'

// Each answer is made afresh: a cloned Response's body cannot be cancelled alone.
type Step = Error | (() => Response)

/** A fetch that answers from a script, and records every request it was given. */
function scripted(steps: Step[]) {
  const seen: { method: string; body: string }[] = []
  const fetch = async (request: Request) => {
    seen.push({ method: request.method, body: request.body === null ? '' : await request.text() })
    const step = steps[Math.min(seen.length - 1, steps.length - 1)] as Step
    if (step instanceof Error) throw step
    return step()
  }
  return { fetch, seen }
}

function loop(
  operation: 'send' | 'get',
  fetch: (request: Request) => Promise<Response>,
  extra: { onRetry?: (e: RetryEvent) => void } = {},
) {
  let answered = ''
  const run = retryingFetch({
    provider: 'any',
    policy: { ...DEFAULT_RETRY, minDelayMs: 1, maxDelayMs: 2, jitter: false, operation },
    signal: new AbortController().signal,
    deadline: Date.now() + 5000,
    fetch,
    onRetry: extra.onRetry,
    redact: (text) => text.replaceAll('s3cret', '[REDACTED]'),
    answered: (text) => {
      answered = text
    },
  })
  return { run, answered: () => answered }
}

const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })

describe('retryingFetch: the loop beneath every call', () => {
  it('re-sends the same body on each attempt, and hands back the answer read whole', async () => {
    const { fetch, seen } = scripted([() => new Response(null, { status: 503 }), () => Response.json({ ok: true })])
    const { run, answered } = loop('get', fetch)
    const response = await run(new Request('https://x.test/a', { method: 'PUT', body: '{"a":1}' }))
    expect(response.status).toBe(200)
    expect(answered()).toBe('{"ok":true}')
    expect(seen).toEqual([
      { method: 'PUT', body: '{"a":1}' },
      { method: 'PUT', body: '{"a":1}' },
    ])
  })

  it('tells onRetry why, with secrets removed, and survives a hook that throws', async () => {
    const events: RetryEvent[] = []
    const reset = Object.assign(new Error('socket hang up near s3cret'), { code: 'ECONNRESET' })
    const { fetch } = scripted([
      reset,
      () => new Response('{}', { status: 429, headers: { 'retry-after-ms': '1' } }),
      () => Response.json({}),
    ])
    const { run } = loop('get', fetch, {
      onRetry: (event) => {
        events.push(event)
        throw new Error('a broken logger')
      },
    })
    await run(new Request('https://x.test/a'))
    expect(events).toEqual([
      {
        provider: 'any',
        operation: 'get',
        attempt: 1,
        delayMs: 1,
        reason: 'connection',
        error: 'socket hang up near [REDACTED]',
      },
      { provider: 'any', operation: 'get', attempt: 2, delayMs: 1, reason: 'status', status: 429 },
    ])
  })

  it('gives up on a send that may have left with NoAnswer, after one attempt', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    const { fetch, seen } = scripted([reset, () => Response.json({})])
    const error = await loop('send', fetch)
      .run(new Request('https://x.test/a', { method: 'POST', body: '{}' }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NoAnswer)
    expect(error).toMatchObject({ requestSent: 'unknown', attempts: 1 })
    expect(seen).toHaveLength(1)
  })

  it('retries a send whose connection was refused, and says so when it runs out', async () => {
    const { fetch, seen } = scripted([refused()])
    const error = await loop('send', fetch)
      .run(new Request('https://x.test/a', { method: 'POST', body: '{}' }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ requestSent: false, attempts: 3 })
    expect(seen).toHaveLength(3)
  })

  it('retries a read whose success is not JSON, and passes a failure through with its body', async () => {
    const { fetch, seen } = scripted([
      () => new Response('<html>', { status: 200 }),
      () => new Response('{"e":1}', { status: 400 }),
    ])
    const response = await loop('get', fetch).run(new Request('https://x.test/a'))
    expect(response.status).toBe(400)
    expect(await response.text()).toBe('{"e":1}')
    expect(seen).toHaveLength(2)
  })
})
