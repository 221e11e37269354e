// The router over scripted messengers: every failure class at every position of the chain,
// with the requests each provider received counted.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CircuitOpenError,
  createRouter,
  isTextbridgeError,
  type Provider,
  type RouteAttempt,
  type RouterEvent,
  type TextbridgeError,
  ValidationError,
} from '../../src/index.js'
import { createRouter as fromSubpath } from '../../src/router.js'
import { TO } from '../support/fixtures.js'
import { type Scripted, type Step, scripted } from '../support/scripted-fetch.js'

const CHAIN: Provider[] = ['quo', 'signalwire', 'textus']
const NOT_SENT: Step[] = [400, 401, 404, 429, 'refused']
const MAYBE_SENT: Step[] = [500, 503, 'reset', 'hang']
const NAME: Record<string, string> = {
  400: 'ProviderError',
  401: 'AuthenticationError',
  404: 'NotFoundError',
  429: 'RateLimitError',
  500: 'ProviderError',
  503: 'ProviderError',
  refused: 'ConnectionError',
  reset: 'ConnectionError',
  hang: 'TimeoutError',
  unreadable: 'ProviderError',
}

/** The chain with `step` at `position`, a 429 before it (so it is reached) and successes after. */
function chain(step: Step, position: number, order: Provider[] = CHAIN): Scripted[] {
  return order.map((provider, index) => scripted(provider, index < position ? [429] : index === position ? [step] : []))
}

const sends = (lanes: Scripted[]) => lanes.map((lane) => lane.count.sends)
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error as TextbridgeError & { attempts: RouteAttempt[] },
  )
const input = { to: TO, text: 'Your code is 1234' }

afterEach(() => {
  vi.useRealTimers()
})

describe('createRouter: failover only when the failure proves nothing was sent', () => {
  it('is the same function from textbridge and textbridge/router', () => {
    expect(fromSubpath).toBe(createRouter)
  })

  for (const step of NOT_SENT) {
    for (const position of [0, 1, 2]) {
      it(`${NAME[step]} (${step}) at position ${position}: fails over to the next provider`, async () => {
        const lanes = chain(step, position)
        const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
        if (position < 2) {
          const message = await sms.send(input)
          expect(message.provider).toBe(CHAIN[position + 1])
          expect(message.attempts.map((a) => [a.provider, a.error.name])).toEqual(
            CHAIN.slice(0, position + 1).map((p, i) => [p, i === position ? NAME[step] : 'RateLimitError']),
          )
          expect(sends(lanes)).toEqual([0, 1, 2].map((i) => (i <= position + 1 ? 1 : 0)))
        } else {
          const error = await failure(sms.send(input))
          expect(error.name).toBe(NAME[step])
          expect(error.provider).toBe('textus')
          expect(error.sent).toBe('no')
          expect(error.attempts.map((a) => a.provider)).toEqual(['quo', 'signalwire'])
          expect(sends(lanes)).toEqual([1, 1, 1])
        }
      })
    }
  }

  for (const step of MAYBE_SENT) {
    for (const position of [0, 1, 2]) {
      it(`${NAME[step]} (${step}) at position ${position}: reconciles where it can, never sends through another provider blindly`, async () => {
        const lanes = chain(step, position)
        const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
        if (position === 0) {
          // Quo can look the message up: not there, so the next provider sends it.
          const message = await sms.send(input)
          expect(message.provider).toBe('signalwire')
          expect(message.attempts).toMatchObject([{ provider: 'quo', reconciled: 'not-found' }])
          expect(lanes[0]?.count.lookups).toBe(1)
          expect(sends(lanes)).toEqual([1, 1, 0])
          return
        }
        const error = await failure(sms.send(input))
        expect(error.name).toBe(NAME[step])
        expect(error.provider).toBe(CHAIN[position])
        expect(error.sent).toBe('unknown')
        expect(error.retryable).toBe(false)
        expect(error.attempts.map((a) => a.provider)).toEqual(CHAIN.slice(0, position))
        expect(sends(lanes)).toEqual([0, 1, 2].map((i) => (i <= position ? 1 : 0)))
      })
    }
  }

  it.each(MAYBE_SENT)(
    "%s at Quo, reconcile finds it sent: resolves with Quo's message, nothing else sent",
    async (step) => {
      const lanes = chain(step, 0)
      lanes[0]?.found.push({
        id: 'AC9',
        to: [TO],
        from: '+15555550100',
        text: input.text,
        phoneNumberId: 'PN123abc',
        conversationId: 'CN1',
        direction: 'outgoing',
        userId: 'US1',
        status: 'sent',
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
      const message = await sms.send(input)
      expect(message).toMatchObject({ provider: 'quo', id: 'AC9', attempts: [] })
      expect(sends(lanes)).toEqual([1, 0, 0])
    },
  )

  it('onAmbiguous reject: an outcome-unknown failure rejects at once, even where reconcile exists', async () => {
    const lanes = chain(500, 0)
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous: 'reject' })
    const error = await failure(sms.send(input))
    expect(error).toMatchObject({ name: 'ProviderError', provider: 'quo', status: 500, attempts: [] })
    expect(lanes[0]?.count.lookups).toBe(0)
    expect(sends(lanes)).toEqual([1, 0, 0])
  })

  it.each(MAYBE_SENT)('onAmbiguous failover: %s sends through the next provider (may send twice)', async (step) => {
    const lanes = chain(step, 1)
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous: 'failover' })
    const message = await sms.send(input)
    expect(message.provider).toBe('textus')
    expect(message.attempts.map((a) => [a.provider, a.error.sent])).toEqual([
      ['quo', 'no'],
      ['signalwire', 'unknown'],
    ])
    expect(sends(lanes)).toEqual([1, 1, 1])
  })

  for (const onAmbiguous of ['reject', 'reconcile', 'failover'] as const) {
    it.each([0, 1, 2])(
      `a 2xx it could not read (the provider took it) at position %i is never failed over (${onAmbiguous})`,
      async (position) => {
        const lanes = chain('unreadable', position)
        const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous })
        const error = await failure(sms.send(input))
        expect(error).toMatchObject({ name: 'ProviderError', sent: 'yes', provider: CHAIN[position] })
        expect(sends(lanes)).toEqual([0, 1, 2].map((i) => (i <= position ? 1 : 0)))
      },
    )
  }

  it("the caller's abort stops the route: no other provider is tried", async () => {
    const lanes = chain('hang', 0)
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous: 'failover' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(new Error('user left')), 20)
    const error = await failure(sms.send(input, { signal: controller.signal }))
    expect(error.name).toBe('AbortError')
    expect(sends(lanes)).toEqual([1, 0, 0])
  })
})

describe('input a provider cannot send is validated by that provider, which is skipped', () => {
  const media = { to: TO, text: 'A photo', media: ['https://example.com/a.png'] }

  it.each([0, 1, 2])('media with Quo at position %i: Quo is skipped without a request', async (position) => {
    const order: Provider[] = CHAIN.filter((p) => p !== 'quo')
    order.splice(position, 0, 'quo')
    // Every provider before the last fails with a 429, so each position is reached.
    const lanes = order.map((provider, index) => scripted(provider, index < 2 ? [429] : []))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    const quo = lanes[position] as Scripted
    const outcome = await sms
      .send(media)
      .catch((error: unknown) => error as TextbridgeError & { attempts: RouteAttempt[] })
    const attempts = (outcome as { attempts: RouteAttempt[] }).attempts
    expect(quo.count.sends).toBe(0)
    expect(attempts.find((a) => a.provider === 'quo')).toMatchObject({
      skipped: 'invalid',
      error: { name: 'ValidationError', provider: 'quo' },
    })
    // The last provider sends when it is reached; with Quo last, the two before it were rate limited.
    if (position === 2) expect(isTextbridgeError(outcome, 'RateLimitError')).toBe(true)
    else expect(outcome).toMatchObject({ provider: 'textus' })
  })

  it('input no provider can send is one ValidationError, shared problems listed once, before any request', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    const error = await failure(sms.send({ to: '12', text: 'x' } as never))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.provider).toBeUndefined()
    expect((error as unknown as ValidationError).problems.filter((p) => p.path === 'to')).toHaveLength(
      new Set((error as unknown as ValidationError).problems.filter((p) => p.path === 'to').map((p) => p.message)).size,
    )
    expect(error.attempts.map((a) => a.skipped)).toEqual(['invalid', 'invalid', 'invalid'])
    expect(sends(lanes)).toEqual([0, 0, 0])
  })

  it('a `from` is refused before any request: a sender belongs to one messenger', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    const error = await failure(sms.send({ ...input, from: '+15555550199' } as never))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as unknown as ValidationError).problems).toMatchObject([{ path: 'from', rule: 'unsupported' }])
    expect(sends(lanes)).toEqual([0, 0, 0])
  })

  it('a bad call option is the caller’s: rejected before any request, not failed over', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    for (const options of [{ timeoutMs: -1 }, { retry: { retries: 'x' } }, { colour: 'red' }]) {
      const error = await failure(sms.send(input, options as never))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as unknown as ValidationError).problems[0]?.path).toMatch(/^options\./)
    }
    expect(sends(lanes)).toEqual([0, 0, 0])
  })
})

describe('circuit breaker per provider', () => {
  it('opens after repeated failures, skips the provider for the cooldown, then one send probes it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const events: RouterEvent[] = []
    const lanes = [scripted('quo', [503, 503]), scripted('signalwire'), scripted('textus')]
    const sms = createRouter({
      messengers: lanes.map((lane) => lane.messenger),
      onAmbiguous: 'failover',
      breaker: { failures: 2, cooldownMs: 10_000 },
      onEvent: (event) => events.push(event),
    })
    await sms.send(input)
    await sms.send(input)
    expect(sms.health()[0]).toMatchObject({ provider: 'quo', state: 'open', consecutiveFailures: 2 })
    const skipped = await sms.send(input)
    expect(skipped.attempts).toMatchObject([
      { provider: 'quo', skipped: 'circuit-open', error: { name: 'CircuitOpenError', sent: 'no' } },
    ])
    expect(sends(lanes)).toEqual([2, 3, 0])
    vi.setSystemTime(Date.now() + 10_001)
    const probed = await sms.send(input)
    expect(probed.provider).toBe('quo')
    expect(sms.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 })
    expect(events.filter((e) => e.type === 'circuit').map((e) => (e as { state: string }).state)).toEqual([
      'open',
      'half-open',
      'closed',
    ])
  })

  it('an authentication failure opens the circuit at once', async () => {
    const lanes = [scripted('quo', [401]), scripted('signalwire'), scripted('textus')]
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    expect((await sms.send(input)).provider).toBe('signalwire')
    expect(sms.health()[0]).toMatchObject({ state: 'open', lastError: { name: 'AuthenticationError', status: 401 } })
    expect((await sms.send(input)).attempts[0]).toMatchObject({ provider: 'quo', skipped: 'circuit-open' })
    expect(sends(lanes)).toEqual([1, 2, 0])
  })

  it('a refusal of the input (400) does not count against the provider', async () => {
    const lanes = [scripted('quo', [400, 400, 400]), scripted('signalwire'), scripted('textus')]
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), breaker: { failures: 2 } })
    for (let i = 0; i < 3; i++) await sms.send(input)
    expect(sms.health()[0]).toMatchObject({ state: 'closed', consecutiveFailures: 0 })
    expect(sends(lanes)).toEqual([3, 3, 0])
  })

  it('every circuit open: a CircuitOpenError saying when to try again, and no request', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider, [401]))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), breaker: { cooldownMs: 5000 } })
    await failure(sms.send(input))
    const error = await failure(sms.send(input))
    expect(error).toBeInstanceOf(CircuitOpenError)
    expect(error).toMatchObject({ sent: 'no', retryable: true, provider: undefined })
    expect((error as unknown as CircuitOpenError).retryAfterMs).toBeGreaterThan(4000)
    expect(error.attempts.map((a) => a.skipped)).toEqual(['circuit-open', 'circuit-open', 'circuit-open'])
    expect(sends(lanes)).toEqual([1, 1, 1])
    expect(sms.health().map((h) => h.state)).toEqual(['open', 'open', 'open'])
  })
})

describe('strategies, deadline, broadcast, preview', () => {
  it('round-robin starts each send at the next provider', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), strategy: 'round-robin' })
    const senders = []
    for (let i = 0; i < 6; i++) senders.push((await sms.send(input)).provider)
    expect(senders).toEqual(['quo', 'signalwire', 'textus', 'quo', 'signalwire', 'textus'])
  })

  it('weights draw the first provider by weight; a weight of 0 is a fallback only', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider, provider === 'signalwire' ? [429] : []))
    let seed = 1
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return (seed - 1) / 2147483646
    }
    const sms = createRouter({
      messengers: lanes.map((lane) => lane.messenger),
      strategy: { weights: { quo: 3, signalwire: 1, textus: 0 } },
      random,
    })
    const senders: string[] = []
    for (let i = 0; i < 400; i++) senders.push((await sms.send(input)).provider)
    const quo = senders.filter((p) => p === 'quo').length
    expect(quo / 400).toBeGreaterThan(0.65)
    expect(quo / 400).toBeLessThan(0.85)
    // signalwire's one 429 sent its send to quo; textus (weight 0) never came first.
    expect(senders.filter((p) => p === 'textus')).toEqual([])
    expect(() =>
      createRouter({ messengers: lanes.map((l) => l.messenger), strategy: { weights: { quo: 1 } } }),
    ).toThrow(/weight/)
  })

  it('the routed call settles within its own timeoutMs, whatever each messenger allows', async () => {
    const lanes = [scripted('quo', ['hang'], { timeoutMs: 10_000 }), scripted('signalwire'), scripted('textus')]
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous: 'reject', timeoutMs: 150 })
    const started = Date.now()
    const error = await failure(sms.send(input))
    expect(error).toMatchObject({ name: 'TimeoutError', provider: 'quo', sent: 'unknown' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(sends(lanes)).toEqual([1, 0, 0])
  })

  it('broadcast routes each recipient on its own and says who sent each', async () => {
    const lanes = [scripted('quo', [429, 'ok', 500]), scripted('signalwire', ['ok', 'ok']), scripted('textus')]
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger), onAmbiguous: 'reject' })
    const to = ['+15555550001', '+15555550002', '+15555550003']
    const result = await sms.broadcast({ to, text: 'Hi all' })
    expect(result.results.map((r) => r.to)).toEqual(to)
    expect(result.accepted + result.failed).toBe(3)
    const byProvider = result.results.map((r) => (r.ok ? r.message.provider : `failed ${r.error.name}`))
    expect(byProvider.filter((p) => p === 'signalwire').length).toBe(1)
    expect(byProvider).toContain('quo')
    expect(byProvider).toContain('failed ProviderError')
    expect(sends(lanes)).toEqual([3, 1, 0])
  })

  it('broadcast refuses a recipient listed twice, or one no provider can reach, before any request', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    const twice = await failure(sms.broadcast({ to: [TO, TO], text: 'x' }))
    expect((twice as unknown as ValidationError).problems).toMatchObject([{ path: 'to[1]', rule: 'unique' }])
    const bad = await failure(sms.broadcast({ to: [TO, '12'], text: 'x' }))
    expect((bad as unknown as ValidationError).problems.every((p) => p.path === 'to[1]')).toBe(true)
    expect(sends(lanes)).toEqual([0, 0, 0])
  })

  it('preview says which provider would be tried first, and sends nothing', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider, provider === 'quo' ? [401] : []))
    const sms = createRouter({ messengers: lanes.map((lane) => lane.messenger) })
    expect(await sms.preview(input)).toMatchObject({
      ok: true,
      provider: 'quo',
      order: ['quo', 'signalwire', 'textus'],
    })
    const media = await sms.preview({ to: TO, text: 'x', media: ['https://example.com/a.png'] })
    expect(media).toMatchObject({ ok: true, provider: 'signalwire', order: ['signalwire', 'textus'] })
    expect(media.requests[0]?.url).toContain('signalwire')
    await sms.send(input)
    expect((await sms.preview(input)).order).toEqual(['signalwire', 'textus', 'quo'])
    expect(await sms.preview({ to: '12', text: 'x' } as never)).toMatchObject({ ok: false, provider: undefined })
    expect(sends(lanes)).toEqual([1, 1, 0])
  })

  it('an onEvent hook that throws does not change the outcome', async () => {
    const lanes = CHAIN.map((provider) => scripted(provider))
    const sms = createRouter({
      messengers: lanes.map((lane) => lane.messenger),
      onEvent: () => {
        throw new Error('hook')
      },
    })
    expect((await sms.send(input)).provider).toBe('quo')
    expect(sends(lanes)).toEqual([1, 0, 0])
  })

  it('bad options are a TypeError naming each', () => {
    const quo = scripted('quo').messenger
    expect(() => createRouter({ messengers: [] })).toThrow(/messengers/)
    expect(() => createRouter({ messengers: [quo, scripted('quo').messenger] })).toThrow(/second quo/)
    expect(() =>
      createRouter({
        messengers: [quo],
        strategy: 'random' as never,
        onAmbiguous: 'maybe' as never,
        breaker: { failures: 0 },
      }),
    ).toThrow(/3 problems[\s\S]*strategy[\s\S]*onAmbiguous[\s\S]*breaker.failures/)
    expect(() => createRouter({ messengers: [quo], colour: 1 } as never)).toThrow(/unknown option "colour"/)
  })
})

describe('what is not one of our errors', () => {
  it('is rethrown as it is, never routed on', async () => {
    const broken = { ...scripted('quo').messenger, send: () => Promise.reject('not an error') }
    const lanes = [scripted('signalwire'), scripted('textus')]
    const sms = createRouter({ messengers: [broken, ...lanes.map((lane) => lane.messenger)] })
    await expect(sms.send(input)).rejects.toBe('not an error')
    expect(sends(lanes)).toEqual([0, 0])
  })
})
