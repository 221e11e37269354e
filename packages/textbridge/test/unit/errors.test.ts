import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  ConnectionError,
  isTextbridgeError,
  NotFoundError,
  ProviderError,
  RateLimitError,
  TextbridgeError,
  TimeoutError,
  ValidationError,
} from '../../src/index.js'

const details = { provider: 'quo', operation: 'get', status: 500, requestId: 'req-1', retryable: true } as const

describe('the error hierarchy', () => {
  it('has one base class, a name on each, and what a caller branches on', () => {
    const errors = [
      new ValidationError('quo', 'send', [{ path: 'to', rule: 'e164', message: 'bad' }]),
      new AuthenticationError('no', { ...details, status: 401, retryable: false }),
      new NotFoundError('no', { ...details, status: 404, retryable: false }),
      new RateLimitError('no', { ...details, status: 429, retryAfterMs: 1000 }),
      new ProviderError('no', { ...details, providerCode: 'E1', title: 'Bad', body: '{}' }),
      new ConnectionError('no', { ...details, status: undefined, requestSent: false }),
      new TimeoutError('no', { ...details, status: undefined, timeoutMs: 10 }),
    ]
    expect(errors.map((e) => e.name)).toEqual([
      'ValidationError',
      'AuthenticationError',
      'NotFoundError',
      'RateLimitError',
      'ProviderError',
      'ConnectionError',
      'TimeoutError',
    ])
    for (const error of errors) {
      expect(error).toBeInstanceOf(TextbridgeError)
      expect(error).toBeInstanceOf(Error)
      expect(isTextbridgeError(error)).toBe(true)
      expect(error).toHaveProperty('provider')
      expect(error).toHaveProperty('operation')
      expect(error).toHaveProperty('retryable')
    }
    expect((errors[3] as RateLimitError).retryAfterMs).toBe(1000)
    expect(errors[4]).toMatchObject({ providerCode: 'E1', title: 'Bad', body: '{}', status: 500, requestId: 'req-1' })
  })

  it('recognises an error from another copy of the package, and nothing else', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('textbridge.error'), { value: true })
    expect(isTextbridgeError(foreign)).toBe(true)
    expect(isTextbridgeError(new Error('x'))).toBe(false)
    expect(isTextbridgeError(null)).toBe(false)
    expect(isTextbridgeError('ProviderError')).toBe(false)
  })

  it('serialises to JSON with its fields', () => {
    const error = new RateLimitError('slow down', { ...details, status: 429, retryAfterMs: 2000 })
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'RateLimitError',
      message: 'slow down',
      provider: 'quo',
      operation: 'get',
      status: 429,
      requestId: 'req-1',
      retryable: true,
      sent: 'no',
      retryAfterMs: 2000,
    })
    expect(inspect(error)).toContain('RateLimitError: slow down')
  })
})
