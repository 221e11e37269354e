// Routed sends over the three providers' mocks, each with its own faults: Quo flaky (5xx and
// resets after the body, hangs), SignalWire in 429 storms, TextUs down for stretches (its
// port refuses connections) and hanging or cutting answers short. No text may be accepted
// twice, every send that could go out must, and every call settles within its deadline.
// ROUTER_SENDS (or RELIABILITY_SENDS; default 200) sets the scale: `pnpm reliability:router`
// runs 1000. The same run with onAmbiguous: 'failover' counts the texts that went out twice.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { type FaultKind, type FaultOptions, type MockServer, startFaultProxy, startMock } from '@textbridge/mock-server'
import { describe, expect, it } from 'vitest'
import {
  CircuitOpenError,
  createRouter,
  isTextbridgeError,
  type OnAmbiguous,
  type Provider,
  type RouteAttempt,
  type TextbridgeError,
} from '../../src/index.js'
import { fakeQuo } from '../support/fake-quo.js'
import { messengerFor } from '../support/fixtures.js'
import { refusedUrl } from '../support/scripted-server.js'
import { pool } from '../support/soak.js'

const SENDS = Number(process.env.ROUTER_SENDS ?? process.env.RELIABILITY_SENDS ?? 200)
const CONCURRENCY = 40
/** The routed call's deadline, each attempt's own, and how much later a call may settle at most. */
const ROUTE_TIMEOUT = 1500
const ATTEMPT_TIMEOUT = 400
const GRACE = 1000
/** How many times the soak's caller sends again after a CircuitOpenError. */
const MAX_RESENDS = 5
const PROVIDERS: Provider[] = ['quo', 'signalwire', 'textus']

const onlySends = ({ method }: { method: string }) => method === 'POST'

/** Each provider's own trouble, seeded. */
const FAULTS: Record<Provider, FaultOptions> = {
  // Flaky: 5xx after the body went out, resets before and after it, hangs.
  quo: {
    rate: 0.3,
    kinds: { 'bad-gateway': 3, 'reset-mid-body': 2, hang: 1, 'server-error': 2, reset: 1 },
    seed: 'router-quo',
    only: onlySends,
  },
  // 429 storms: runs of rate limits, and now and then a 5xx after the body.
  signalwire: {
    schedule: [...Array(12).fill('rate-limit'), ...Array(4).fill('rate-limit-date'), ...Array(24).fill(null)],
    rate: 0.08,
    kinds: ['bad-gateway', 'slow-body'],
    seed: 'router-signalwire',
    only: onlySends,
    retryAfterSeconds: 1,
    slowBodyMs: 100,
  },
  // Down for stretches (below), and when up: hangs, 503s, answers cut short after it took the text.
  textus: {
    rate: 0.15,
    kinds: { hang: 2, unavailable: 2, 'malformed-json': 1 },
    seed: 'router-textus',
    only: onlySends,
  },
}
/** TextUs is down (its port refuses connections) for 30 requests out of every 90. */
const textUsDown = (request: number) => Math.floor(request / 30) % 3 === 1

interface Run {
  onAmbiguous: OnAmbiguous
  outcomes: Awaited<ReturnType<typeof pool<{ provider: string; attempts: RouteAttempt[] }>>>
  /** For each text, the providers that accepted it. */
  acceptedBy: Map<string, string[]>
  texts: string[]
  faults: Record<string, Partial<Record<FaultKind | 'refused', number>>>
  /** How long each call took (a send waited out and sent again is two calls). */
  calls: number[]
  /** Each send's last call. */
  lastCall: number[]
  resentAfterOpenCircuit: number
}

async function soak(onAmbiguous: OnAmbiguous): Promise<Run> {
  const fake = await fakeQuo()
  const servers: Record<Provider, MockServer> = {
    quo: await startFaultProxy({ target: fake.url, faults: FAULTS.quo }),
    signalwire: await startMock({ provider: 'signalwire', faults: FAULTS.signalwire }),
    textus: await startMock({ provider: 'textus', faults: FAULTS.textus }),
  }
  const refused = await refusedUrl()
  let textUsRequests = 0
  let refusals = 0
  const textUsFetch = (request: Request, init?: RequestInit) => {
    if (!textUsDown(textUsRequests++)) return fetch(request, init)
    refusals++
    return fetch(new Request(request.url.replace(servers.textus.url, refused), request), init)
  }
  const options = { timeoutMs: ATTEMPT_TIMEOUT, retry: { retries: 0 } }
  const sms = createRouter({
    messengers: [
      messengerFor('quo', servers.quo.url, options),
      messengerFor('signalwire', servers.signalwire.url, options),
      messengerFor('textus', servers.textus.url, { ...options, fetch: textUsFetch }),
    ],
    strategy: 'round-robin',
    onAmbiguous,
    timeoutMs: ROUTE_TIMEOUT,
    breaker: { failures: 5, cooldownMs: 150 },
  })
  const tag = onAmbiguous === 'failover' ? 'f' : 'r'
  const texts = Array.from({ length: SENDS }, (_, index) => `routed ${tag} #${index}`)
  const calls: number[] = []
  const lastCall: number[] = new Array(SENDS).fill(0)
  let resentAfterOpenCircuit = 0
  // A caller that waits out a CircuitOpenError (nothing was sent: sending again is safe), a few times.
  const outcomes = await pool(SENDS, CONCURRENCY, async (index) => {
    for (let round = 0; ; round++) {
      const started = performance.now()
      try {
        return await sms.send({ to: `+1555${String(index).padStart(7, '0')}`, text: texts[index] as string })
      } catch (error) {
        if (!(error instanceof CircuitOpenError) || round === MAX_RESENDS) throw error
        resentAfterOpenCircuit++
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs))
      } finally {
        lastCall[index] = performance.now() - started
        calls.push(lastCall[index])
      }
    }
  })
  const acceptedBy = new Map<string, string[]>()
  const accept = (text: string, provider: string) => acceptedBy.set(text, [...(acceptedBy.get(text) ?? []), provider])
  for (const message of fake.messages) accept(message.text, 'quo')
  for (const provider of ['signalwire', 'textus'] as const) {
    for (const request of servers[provider].requests) {
      if (request.processed && request.engineStatus >= 200 && request.engineStatus < 300) {
        accept(JSON.parse(request.body).body as string, provider)
      }
    }
  }
  const faults: Run['faults'] = {}
  for (const provider of PROVIDERS) faults[provider] = servers[provider].faultCounts()
  ;(faults.textus as Record<string, number>).refused = refusals
  for (const server of Object.values(servers)) await server.close()
  await fake.close()
  return { onAmbiguous, outcomes, acceptedBy, texts, faults, calls, lastCall, resentAfterOpenCircuit }
}

const figures: Record<string, unknown> = { sends: SENDS, concurrency: CONCURRENCY, routeTimeoutMs: ROUTE_TIMEOUT }

function summary(run: Run) {
  const { outcomes, acceptedBy, texts } = run
  const sentBy: Record<string, number> = {}
  const failed: Record<string, number> = {}
  let failovers = 0
  let skippedOpen = 0
  let skippedInvalid = 0
  let reconciledNotFound = 0
  let wentOutUnconfirmed = 0
  for (const outcome of outcomes) {
    const attempts = outcome.ok
      ? (outcome.value as { attempts: RouteAttempt[] }).attempts
      : ((outcome.error as { attempts?: RouteAttempt[] }).attempts ?? [])
    for (const attempt of attempts) {
      if (attempt.skipped === 'circuit-open') skippedOpen++
      else if (attempt.skipped === 'invalid') skippedInvalid++
      else failovers++
      if (attempt.reconciled) reconciledNotFound++
    }
    if (outcome.ok) {
      const provider = (outcome.value as { provider: string }).provider
      sentBy[provider] = (sentBy[provider] ?? 0) + 1
    } else {
      const error = outcome.error as TextbridgeError
      const key = `${error.name} (sent: ${error.sent})`
      failed[key] = (failed[key] ?? 0) + 1
      if ((acceptedBy.get(texts[outcome.index] as string)?.length ?? 0) > 0) wentOutUnconfirmed++
    }
  }
  return {
    resolved: outcomes.filter((o) => o.ok).length,
    sentBy,
    rejected: outcomes.filter((o) => !o.ok).length,
    rejectedBy: failed,
    rejectedButWentOut: wentOutUnconfirmed,
    failovers,
    skippedOpenCircuit: skippedOpen,
    skippedInvalid,
    reconciledNotFound,
    acceptedTwice: [...acceptedBy.values()].filter((providers) => providers.length > 1).length,
    sentAgainAfterOpenCircuit: run.resentAfterOpenCircuit,
    slowestCallMs: Math.round(Math.max(...run.calls)),
    faultsInjected: run.faults,
  }
}

describe('router soak: three providers, each with its own faults', { timeout: 600_000 }, () => {
  it(`${SENDS} routed sends (onAmbiguous: 'reconcile'): no text accepted twice, each that could go out did, all in time`, async () => {
    const run = await soak('reconcile')
    expect(Math.max(...run.calls), 'the slowest call').toBeLessThan(ROUTE_TIMEOUT + GRACE)
    for (const outcome of run.outcomes) {
      const text = run.texts[outcome.index] as string
      const by = run.acceptedBy.get(text) ?? []
      expect(by.length, `send #${outcome.index} accepted by ${by.join(', ')}`).toBeLessThanOrEqual(1)
      if (outcome.ok) {
        // Resolved: that provider took it, once.
        expect(by, `send #${outcome.index}`).toEqual([(outcome.value as { provider: string }).provider])
        continue
      }
      const error = outcome.error as TextbridgeError & { attempts?: RouteAttempt[] }
      expect(isTextbridgeError(error), String(error)).toBe(true)
      if (error.sent === 'no') {
        // Nothing went out, and the router gave up only when no provider was left (or no time).
        expect(by, `send #${outcome.index} (${error.name})`).toEqual([])
        const tried = new Set([error.provider, ...(error.attempts ?? []).map((a) => a.provider)].filter(Boolean))
        if ((run.lastCall[outcome.index] ?? 0) < ROUTE_TIMEOUT)
          expect([...tried].sort(), `send #${outcome.index}`).toEqual([...PROVIDERS].sort())
      } else {
        // An outcome that stays unknown is never sent again elsewhere: at most the one provider has it.
        expect(
          by.every((provider) => provider === error.provider),
          `send #${outcome.index}`,
        ).toBe(true)
        if (error.sent === 'yes') expect(by, `send #${outcome.index} was taken`).toEqual([error.provider])
      }
    }
    const figuresOf = summary(run)
    expect(figuresOf.acceptedTwice).toBe(0)
    expect(figuresOf.failovers).toBeGreaterThan(0)
    expect(figuresOf.reconciledNotFound).toBeGreaterThan(0)
    figures.reconcile = figuresOf
  })

  it(`the same run with onAmbiguous: 'failover' shows its price: texts sent twice`, async () => {
    const run = await soak('failover')
    expect(Math.max(...run.calls), 'the slowest call').toBeLessThan(ROUTE_TIMEOUT + GRACE)
    // Every text sent twice was failed over after an outcome-unknown failure, as the option says it may.
    for (const outcome of run.outcomes) {
      const by = run.acceptedBy.get(run.texts[outcome.index] as string) ?? []
      if (by.length < 2) continue
      const attempts = outcome.ok
        ? (outcome.value as { attempts: RouteAttempt[] }).attempts
        : ((outcome.error as { attempts?: RouteAttempt[] }).attempts ?? [])
      expect(
        attempts.some((attempt) => attempt.error.sent === 'unknown' && !attempt.skipped),
        `send #${outcome.index} accepted by ${by.join(', ')}`,
      ).toBe(true)
    }
    const figuresOf = summary(run)
    figures.failover = figuresOf
    const file = new URL('../../../../reports/router-soak.json', import.meta.url)
    mkdirSync(dirname(file.pathname), { recursive: true })
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`)
    console.log(`\nRouter soak figures\n${JSON.stringify(figures, null, 2)}`)
  })
})
