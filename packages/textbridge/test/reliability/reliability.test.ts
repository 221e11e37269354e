// Faults, fuzz and secrets: no text is sent twice, every call settles as a typed error or a
// result, and no credential leaks. RELIABILITY_SENDS (default 200) and RELIABILITY_FUZZ
// (default 2000) set the scale; `pnpm reliability` runs 1000 sends per provider.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultOptions,
  type MockServer,
  startFaultProxy,
  startMock,
} from '@textbridge/mock-server'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outcomeUnknown } from '../../src/core/reconcile.js'
import {
  isTextbridgeError,
  type Message,
  type Messenger,
  type Provider,
  ProviderError,
  type QuoMessenger,
  type RetryEvent,
  type TextbridgeError,
  ValidationError,
} from '../../src/index.js'
import { canaryHits, expose, exposedCount } from '../support/exposure.js'
import { fakeQuo } from '../support/fake-quo.js'
import { messengerFor, RAW_MESSAGE } from '../support/fixtures.js'
import { brokenGet, brokenList, brokenSend } from '../support/hostile-inputs.js'
import { scriptedServer } from '../support/scripted-server.js'
import { duplicates, handles, pool } from '../support/soak.js'

const SENDS = Number(process.env.RELIABILITY_SENDS ?? 200)
const FUZZ = Number(process.env.RELIABILITY_FUZZ ?? 2000)
const CONCURRENCY = 25
const PROVIDERS: Provider[] = ['quo', 'signalwire', 'textus']
/** A call's own budget, and how much later than it a call may settle at most. */
const SEND_TIMEOUT = 2500
const GET_TIMEOUT = 5000
const GRACE = 1000

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Distinct recipients, so each send's conversation is its own. */
const number = (index: number) => `+1555${String(index).padStart(7, '0')}`

const figures = {
  scale: { sendsPerProvider: SENDS, fuzzCasesPerMethod: FUZZ },
  sends: {} as Record<string, { sent: number; failed: number; acceptedTwice: number; slowestMs: number }>,
  faultsInjected: {} as Partial<Record<FaultKind, number>>,
  ambiguous: {} as Record<string, { failures: number; reconciled: number; agreed: number }>,
  reads: {} as Record<string, { calls: number; succeeded: number; couldSucceed: number }>,
  fuzz: {} as Record<string, number>,
  hostile: 0,
  unhandledRejections: 0,
  openHandlesAfter: {} as Record<string, number>,
  heapGrowthMb: 0,
  retryEvents: 0,
  exposedValues: 0,
  canaryHits: 0,
}

const countRejection = () => {
  figures.unhandledRejections++
}
let handlesBefore: Record<string, number>
let heapBefore: number

beforeAll(() => {
  process.on('unhandledRejection', countRejection)
  gc()
  handlesBefore = handles()
  heapBefore = process.memoryUsage().heapUsed
})

afterAll(() => {
  process.off('unhandledRejection', countRejection)
  figures.exposedValues = exposedCount()
  figures.canaryHits = canaryHits()
  const file = new URL('../../../../reports/reliability.json', import.meta.url)
  mkdirSync(dirname(file.pathname), { recursive: true })
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
  console.log(`\nReliability figures\n${JSON.stringify(figures, null, 2)}`)
})

function addFaults(server: MockServer) {
  for (const [kind, count] of Object.entries(server.faultCounts()) as [FaultKind, number][]) {
    figures.faultsInjected[kind] = (figures.faultsInjected[kind] ?? 0) + count
  }
}

/** Every fault, at a third of the sends, seeded per provider. */
const sendFaults = (provider: Provider): FaultOptions => ({
  rate: 0.35,
  kinds: [...FAULT_KINDS],
  seed: `sends-${provider}`,
  only: ({ method }) => method === 'POST',
  retryAfterSeconds: 1,
  slowBodyMs: 200,
})

describe('soak: sends under a seeded mix of every fault', { timeout: 600_000 }, () => {
  it.each(PROVIDERS)('%s: no message accepted twice, every call settles as a typed error in time', async (provider) => {
    const fake = provider === 'quo' ? await fakeQuo() : undefined
    const server = fake
      ? await startFaultProxy({ target: fake.url, faults: sendFaults(provider) })
      : await startMock({ provider, faults: sendFaults(provider) })
    const accepted = () =>
      fake
        ? fake.messages.map((message) => message.text)
        : server.requests
            .filter((r) => r.processed && r.engineStatus >= 200 && r.engineStatus < 300)
            .map((r) => JSON.parse(r.body).body as string)
    const sms = messengerFor(provider, server.url, {
      timeoutMs: SEND_TIMEOUT,
      retry: { retries: 2, minDelayMs: 20, maxDelayMs: 200 },
      onRetry: (event: RetryEvent) => {
        figures.retryEvents++
        expose(event)
      },
    })
    const texts = Array.from({ length: SENDS }, (_, index) => `soak ${provider} #${index}`)
    const outcomes = await pool<unknown>(SENDS, CONCURRENCY, (index) =>
      sms.send({ to: number(index), text: texts[index] as string }),
    )

    const acceptedTexts = accepted()
    const twice = duplicates(acceptedTexts)
    const stats = { failures: 0, reconciled: 0, agreed: 0 }
    for (const outcome of outcomes) {
      const text = texts[outcome.index] as string
      const times = acceptedTexts.filter((t) => t === text).length
      expect(outcome.ms, `send #${outcome.index} settled late`).toBeLessThan(SEND_TIMEOUT + GRACE)
      if (outcome.ok) {
        expect(times, `send #${outcome.index} resolved`).toBe(1)
        continue
      }
      const error = outcome.error as TextbridgeError
      expose(error)
      expect(isTextbridgeError(error), `send #${outcome.index}: ${String(error)}`).toBe(true)
      if (!outcomeUnknown(error)) {
        // A verdict the client trusts: the provider did not take the message.
        expect(times, `send #${outcome.index} failed with ${error.name} ${error.status}`).toBe(0)
        continue
      }
      stats.failures++
      if (error.reconcile) {
        stats.reconciled++
        const found = await error.reconcile()
        expose(found)
        expect(found.outcome, `reconcile of send #${outcome.index} (${error.name} ${error.status})`).toBe(
          times === 1 ? 'sent' : 'not-found',
        )
        if (found.outcome === 'sent') expect(found.message.text).toBe(text)
        stats.agreed++
      }
    }
    expect(twice).toEqual([])
    if (provider === 'quo') expect(stats.reconciled).toBe(stats.failures)
    expect(stats.failures).toBeGreaterThan(0)
    figures.sends[provider] = {
      sent: outcomes.filter((o) => o.ok).length,
      failed: outcomes.filter((o) => !o.ok).length,
      acceptedTwice: twice.length,
      slowestMs: Math.round(Math.max(...outcomes.map((o) => o.ms))),
    }
    figures.ambiguous[provider] = stats
    addFaults(server)
    await server.close()
    await fake?.close()
  })
})

describe('soak: get and list under faults, with retries', { timeout: 600_000 }, () => {
  it('every call that can succeed does (one attempt answered whole), and the others fail typed', async () => {
    const fake = await fakeQuo()
    const calls = Math.max(50, Math.round(SENDS / 2))
    for (let index = 0; index < calls; index++) fake.seed({ to: [number(index)], text: `seeded #${index}` })
    const proxy = await startFaultProxy({
      target: fake.url,
      faults: {
        rate: 0.4,
        kinds: [...FAULT_KINDS],
        seed: 'reads',
        only: ({ method }) => method === 'GET',
        slowBodyMs: 200,
      },
    })
    const sms = messengerFor('quo', proxy.url, {
      timeoutMs: GET_TIMEOUT,
      retry: { retries: 4, minDelayMs: 10, maxDelayMs: 100 },
      onRetry: (event: RetryEvent) => expose(event),
    }) as QuoMessenger
    // The gets and the lists go at once, each with its own pool: a call that hangs until its
    // timeout then holds up no call of the other kind.
    const [gets, lists] = await Promise.all([
      pool(calls, CONCURRENCY, (index) => sms.get(`AC${index}`)),
      pool(calls, CONCURRENCY, async (index) => {
        const messages: Message<'quo'>[] = []
        for await (const message of sms.list({ participants: [number(index)] })) messages.push(message)
        return messages
      }),
    ])
    // A call could succeed when one of its attempts was answered in full.
    const whole = (fault: FaultKind | undefined) =>
      fault === undefined || fault === 'wrong-content-type' || fault === 'slow-body'
    const attemptsOf = (match: (url: URL) => boolean) =>
      proxy.requests.filter((request) => match(new URL(request.url, 'http://x')))
    for (const [name, outcomes, match] of [
      ['get', gets, (index: number) => (url: URL) => url.pathname === `/v1/messages/AC${index}`],
      ['list', lists, (index: number) => (url: URL) => url.searchParams.get('participants') === number(index)],
    ] as const) {
      let couldSucceed = 0
      for (const outcome of outcomes) {
        const attempts = attemptsOf(match(outcome.index))
        const can = attempts.some((attempt) => whole(attempt.fault))
        if (can) couldSucceed++
        expect(outcome.ms).toBeLessThan(GET_TIMEOUT + GRACE)
        expect(outcome.ok, `${name} #${outcome.index}: attempts ${attempts.map((a) => a.fault ?? 'none')}`).toBe(can)
        if (!outcome.ok) {
          expose(outcome.error)
          expect(isTextbridgeError(outcome.error)).toBe(true)
        } else if (name === 'get') {
          expect((outcome.value as Message<'quo'>).id).toBe(`AC${outcome.index}`)
        } else {
          expect((outcome.value as Message<'quo'>[]).map((m) => m.text)).toEqual([`seeded #${outcome.index}`])
        }
      }
      figures.reads[name] = { calls: outcomes.length, succeeded: outcomes.filter((o) => o.ok).length, couldSucceed }
    }
    addFaults(proxy)
    await proxy.close()
    await fake.close()
  })
})

describe('fuzz: bad input of every kind is a ValidationError, and nothing is sent', () => {
  const counted = (provider: Provider) => {
    const counter = { requests: 0 }
    const fetch = async () => {
      counter.requests++
      return new Response('{}', { status: 500 })
    }
    return { sms: messengerFor(provider, 'https://provider.invalid', { fetch }), counter }
  }

  const expectRejected = async (attempt: () => Promise<unknown>, counter: { requests: number }) => {
    const error = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    )
    expose(error)
    expect(error).toBeInstanceOf(ValidationError)
    expect(counter.requests).toBe(0)
  }

  it.each(PROVIDERS)(`%s: send and broadcast, ${FUZZ} cases each`, async (provider) => {
    const { sms, counter } = counted(provider)
    const run = async (method: 'send' | 'broadcast') => {
      const call = sms[method] as (input: unknown, options?: unknown) => Promise<unknown>
      await fc.assert(
        fc.asyncProperty(brokenSend(provider, method), async ({ input, options }) => {
          await expectRejected(() => call.call(sms, input, options), counter)
        }),
        { numRuns: FUZZ, seed: 7 },
      )
      figures.fuzz[`${provider}.${method}`] = FUZZ
    }
    await run('send')
    await run('broadcast')
  })

  it(`quo: get and list, ${FUZZ} cases each`, async () => {
    const { sms, counter } = counted('quo')
    const quo = sms as QuoMessenger
    await fc.assert(
      fc.asyncProperty(brokenGet, async ({ id, options }) => {
        await expectRejected(() => (quo.get as (i: unknown, o?: unknown) => Promise<unknown>)(id, options), counter)
      }),
      { numRuns: FUZZ, seed: 7 },
    )
    figures.fuzz['quo.get'] = FUZZ
    await fc.assert(
      fc.asyncProperty(brokenList, async ({ query, options }) => {
        await expectRejected(
          () => (quo.list as (q: unknown, o?: unknown) => AsyncGenerator).call(quo, query, options).next(),
          counter,
        )
      }),
      { numRuns: FUZZ, seed: 7 },
    )
    figures.fuzz['quo.list'] = FUZZ
  })
})

describe('hostile answers are a ProviderError that keeps the status: never a crash or a hang', () => {
  const NESTED = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  const HUGE = JSON.stringify({ data: { ...RAW_MESSAGE.quo, text: 'x'.repeat(10 * 1024 * 1024) } })
  const answers: [string, number, string][] = [
    ['not JSON', 200, '<html><body>Hello</body></html>'],
    ['truncated JSON', 200, '{"data": {"id": "AC1", "to": ['],
    ['10 MB', 200, HUGE],
    ['deeply nested JSON', 200, NESTED],
    ['JSON of the wrong shape', 200, '{"data": {"id": 42, "to": "nobody"}}'],
    ['an error that is not JSON', 500, '<html>Internal error</html>'],
  ]
  const calls: [string, (sms: Messenger) => Promise<unknown>][] = [
    ['send', (sms) => sms.send({ to: number(1), text: 'x' })],
    ['get', (sms) => (sms as QuoMessenger).get('AC1')],
    [
      'list',
      async (sms) => {
        for await (const _ of (sms as QuoMessenger).list({ participants: [number(1)] })) break
      },
    ],
  ]
  it.each(answers)('%s', async (_name, status, body) => {
    for (const [operation, call] of calls) {
      const server = await scriptedServer((_req, _index, res) => {
        res.on('error', () => undefined)
        res.writeHead(operation === 'send' && status === 200 ? 202 : status, { 'content-type': 'application/json' })
        res.end(body)
      })
      const sms = messengerFor('quo', server.url, { retry: { retries: 1, minDelayMs: 5, maxDelayMs: 5 } })
      const started = Date.now()
      const error = await call(sms).then(
        () => undefined,
        (e: unknown) => e,
      )
      expose(error)
      expect(error, operation).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).status, operation).toBe(operation === 'send' && status === 200 ? 202 : status)
      expect(Date.now() - started).toBeLessThan(10_000)
      figures.hostile++
      await server.close()
    }
    for (const provider of ['signalwire', 'textus'] as const) {
      const sent = status === 200 ? 201 : status
      const server = await scriptedServer((_req, _index, res) => {
        res.on('error', () => undefined)
        res.writeHead(sent, { 'content-type': 'application/json' })
        res.end(body)
      })
      const error = await messengerFor(provider, server.url)
        .send({ to: number(2), text: 'x' })
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      expose(error)
      expect(error, provider).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).status, provider).toBe(sent)
      figures.hostile++
      await server.close()
    }
  })
})

describe('after all of it', () => {
  it('no unhandled rejection, no open socket or timer left, no heap growth beyond 40 MB', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    gc()
    const after = handles()
    figures.openHandlesAfter = after
    figures.heapGrowthMb = Math.round(((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024) * 10) / 10
    expect(figures.unhandledRejections).toBe(0)
    for (const kind of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']) {
      expect(after[kind] ?? 0, `${kind} left open`).toBeLessThanOrEqual(handlesBefore[kind] ?? 0)
    }
    expect(figures.heapGrowthMb).toBeLessThan(40)
  })

  it('no credential appears in anything a user could see: errors, stacks, JSON, inspect, retry events', () => {
    expect(exposedCount()).toBeGreaterThan(100)
    expect(canaryHits()).toBe(0)
  })
})
