// The classifier alone: which error a failed call is, and what `sent` and `retryable` say.
import { describe, expect, it } from 'vitest'
import { classifyFailure, classifyResponse, type ErrorContext, unusableAnswer } from '../../src/core/classify.js'
import { BrokenAnswer, NoAnswer } from '../../src/core/retry/failures.js'
import { TooLarge } from '../../src/core/retry/read-body.js'

const context: ErrorContext = {
  provider: 'any',
  name: 'Any',
  credentials: 'token',
  redact: (text) => text.replaceAll('s3cret', '[REDACTED]'),
  errorInfo: (body) => ({ title: (body as { title?: string } | undefined)?.title }),
}

const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers })

describe('classifyResponse', () => {
  it.each([
    [401, 'AuthenticationError', 'no', false],
    [403, 'AuthenticationError', 'no', false],
    [404, 'NotFoundError', 'no', false],
    [429, 'RateLimitError', 'no', true],
    [400, 'ProviderError', 'no', false],
    [409, 'ProviderError', 'no', false],
    [422, 'ProviderError', 'no', false],
    [408, 'ProviderError', 'unknown', false],
    [500, 'ProviderError', 'unknown', false],
    [503, 'ProviderError', 'unknown', false],
  ] as const)('a send answered %i is a %s, sent: %s, retryable: %s', (status, name, sent, retryable) => {
    const error = classifyResponse(context, 'send', false, answer(status), { title: 'nope s3cret' })
    expect(error).toMatchObject({ name, sent, retryable, status, provider: 'any', operation: 'send' })
    expect(error.message).not.toContain('s3cret')
  })

  it('makes a transient status retryable for a read, and for a send only when the caller accepts a second text', () => {
    expect(classifyResponse(context, 'get', true, answer(503), undefined)).toMatchObject({
      retryable: true,
      sent: 'unknown',
    })
    expect(classifyResponse(context, 'send', true, answer(503), undefined).message).not.toMatch(/may or may not/)
    expect(classifyResponse(context, 'send', false, answer(503), undefined).message).toMatch(
      /may or may not have been sent/,
    )
  })

  it('reads how long a 429 asks to wait', () => {
    expect(classifyResponse(context, 'send', false, answer(429, { 'retry-after': '7' }), undefined)).toMatchObject({
      retryAfterMs: 7000,
    })
  })
})

describe('classifyFailure', () => {
  const facts = { operation: 'send', repeatable: false, timeoutMs: 100, timedOut: false } as const

  it('a connection never made: sent no, retryable; one that may have left: sent unknown', () => {
    expect(classifyFailure(context, facts, new NoAnswer(new Error('x'), false, 3))).toMatchObject({
      name: 'ConnectionError',
      sent: 'no',
      retryable: true,
      requestSent: false,
    })
    expect(classifyFailure(context, facts, new NoAnswer(new Error('x'), 'unknown', 1))).toMatchObject({
      sent: 'unknown',
      retryable: false,
    })
  })

  it('a timeout: sent unknown; a 2xx whose body broke or was too large: sent yes, never retryable', () => {
    expect(classifyFailure(context, { ...facts, timedOut: true }, new Error('aborted'))).toMatchObject({
      name: 'TimeoutError',
      sent: 'unknown',
      timeoutMs: 100,
    })
    expect(classifyFailure(context, facts, new BrokenAnswer(new Error('x'), 201, 1))).toMatchObject({
      name: 'ProviderError',
      sent: 'yes',
      retryable: false,
    })
    expect(classifyFailure(context, facts, new TooLarge(202))).toMatchObject({ sent: 'yes', retryable: false })
    expect(classifyFailure(context, facts, new TooLarge(502))).toMatchObject({ sent: 'unknown' })
  })

  it('leaves an error that is not a call failure to its caller', () => {
    expect(classifyFailure(context, facts, new RangeError('a bug'))).toBeUndefined()
  })

  it('an unusable success took the request', () => {
    expect(unusableAnswer(context, 'send', answer(200), 'not JSON')).toMatchObject({ sent: 'yes', retryable: false })
  })
})
