// "Was anything sent?": one answer on every error, the same for every provider.
import { describe, expect, it } from 'vitest'
import {
  AbortError,
  isTextbridgeError,
  PROVIDERS,
  type Provider,
  RateLimitError,
  type TextbridgeError,
  ValidationError,
} from '../../src/index.js'
import { messengerFor, TO } from '../support/fixtures.js'
import { json, refusedUrl, scriptedServer } from '../support/scripted-server.js'

async function sendAnswered(provider: Provider, status: number): Promise<TextbridgeError> {
  const server = await scriptedServer((_req, _index, res) => json(res, status, { message: 'x' }))
  try {
    const sms = messengerFor(provider, server.url, { retry: { retries: 0 } })
    return (await sms.send({ to: TO, text: 'x' }).catch((e: unknown) => e)) as TextbridgeError
  } finally {
    await server.close()
  }
}

describe('sent: whether anything reached the provider', () => {
  it.each(PROVIDERS)('%s: refusals say no, 5xx and 408 say unknown', async (provider) => {
    const seen: Record<number, string> = {}
    for (const status of [400, 401, 403, 404, 409, 422, 429, 408, 500, 503])
      seen[status] = (await sendAnswered(provider, status)).sent
    expect(seen).toEqual({
      400: 'no',
      401: 'no',
      403: 'no',
      404: 'no',
      409: 'no',
      422: 'no',
      429: 'no',
      408: 'unknown',
      500: 'unknown',
      503: 'unknown',
    })
  })

  it.each(PROVIDERS)('%s: a validation problem and a refused connection say no', async (provider) => {
    const invalid = await messengerFor(provider, 'http://127.0.0.1:9')
      .send({ to: '5', text: 'x' })
      .catch((e: unknown) => e)
    expect(invalid).toBeInstanceOf(ValidationError)
    expect((invalid as TextbridgeError).sent).toBe('no')
    const refused = await messengerFor(provider, await refusedUrl(), { retry: { retries: 0 } })
      .send({ to: TO, text: 'x' })
      .catch((e: unknown) => e)
    expect(refused).toMatchObject({ name: 'ConnectionError', sent: 'no', requestSent: false })
  })

  it("a caller's abort is an AbortError: before the request, nothing was sent", async () => {
    const controller = new AbortController()
    controller.abort(new Error('user left'))
    const error = await messengerFor('quo', 'http://127.0.0.1:9')
      .send({ to: TO, text: 'x' }, { signal: controller.signal })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(error).toMatchObject({ sent: 'no', provider: 'quo', operation: 'send' })
    expect((error as Error).message).toContain('user left')
    expect((error as Error).cause).toEqual(new Error('user left'))
  })

  it("a caller's abort while the request is out: sent unknown, and a broadcast says so per recipient", async () => {
    const server = await scriptedServer(() => undefined)
    try {
      const controller = new AbortController()
      const sms = messengerFor('signalwire', server.url)
      const pending = sms.broadcast(
        { to: [TO, '+15555550124', '+15555550125', '+15555550126', '+15555550127'], text: 'x' },
        {
          signal: controller.signal,
        },
      )
      setTimeout(() => controller.abort(new Error('stop')), 100)
      const result = await pending
      const errors = result.results.map((r) => (r.ok ? undefined : r.error))
      expect(errors.every((e) => e instanceof AbortError)).toBe(true)
      expect(errors.map((e) => e?.sent)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'no'])
    } finally {
      await server.close()
    }
  })

  it('keeps the class by name across a trip through JSON, and in the guard', () => {
    const error = new RateLimitError('slow', { provider: 'quo', operation: 'send', retryable: true, status: 429 })
    const json = JSON.parse(JSON.stringify(error))
    expect(json).toMatchObject({ name: 'RateLimitError', sent: 'no', retryable: true })
    expect(isTextbridgeError(error, 'RateLimitError')).toBe(true)
    expect(isTextbridgeError(error, 'ProviderError')).toBe(false)
    expect(isTextbridgeError(error, 'TextbridgeError')).toBe(true)
    expect(isTextbridgeError(json, 'RateLimitError')).toBe(false)
  })
})

describe('options checked once, every problem at once', () => {
  it('lists every bad option of a messenger in one TypeError', () => {
    let thrown: unknown
    try {
      messengerFor('quo', 'not a url', { timeoutMs: 0, onRetry: 'x', nope: 1, from: 'x' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    const message = (thrown as Error).message
    expect(message).toMatch(/^createMessenger \(quo\): 5 problems with the options:/)
    for (const part of [
      'unknown option "nope"',
      '"onRetry" must be a function',
      '"timeoutMs" must be a number',
      'baseUrl',
      'option "from" is required',
    ])
      expect(message).toContain(part)
  })

  it('takes the paging options only on list', async () => {
    const error = await messengerFor('quo', 'http://127.0.0.1:9')
      .send({ to: TO, text: 'x' }, { limit: 1, maxResults: 5 } as never)
      .catch((e: unknown) => e)
    expect((error as ValidationError).problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'options.limit unknown',
      'options.maxResults unknown',
    ])
  })
})
