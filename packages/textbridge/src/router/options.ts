// createRouter's options, checked once: every problem is a TypeError naming the option.
import { isPlainObject } from '../core/validation.js'
import type { OnAmbiguous, RoutableMessenger, RouterEvent, RouterOptions, Strategy } from './types.js'

const KEYS = ['messengers', 'strategy', 'onAmbiguous', 'breaker', 'timeoutMs', 'onEvent', 'random']
const ON_AMBIGUOUS: readonly OnAmbiguous[] = ['reject', 'reconcile', 'failover']

export interface ResolvedRouterOptions {
  messengers: readonly RoutableMessenger[]
  strategy: Strategy
  onAmbiguous: OnAmbiguous
  breaker: { failures: number; cooldownMs: number }
  timeoutMs: number | undefined
  onEvent: ((event: RouterEvent) => void) | undefined
  random: () => number
}

const isPositive = (value: unknown): value is number => typeof value === 'number' && value > 0 && Number.isFinite(value)

export function resolveRouterOptions(options: RouterOptions<RoutableMessenger>): ResolvedRouterOptions {
  if (!isPlainObject(options)) throw new TypeError('createRouter: expected an options object with messengers.')
  const problems: string[] = []
  const unknown = Object.keys(options).filter((key) => !KEYS.includes(key))
  if (unknown.length > 0)
    problems.push(`unknown option ${unknown.map((k) => `"${k}"`).join(', ')}; known: ${KEYS.join(', ')}`)
  const {
    messengers,
    strategy = 'failover',
    onAmbiguous = 'reconcile',
    breaker = {},
    timeoutMs,
    onEvent,
    random = Math.random,
  } = options
  if (!Array.isArray(messengers) || messengers.length === 0) {
    problems.push('option "messengers" must be a non-empty array of messengers (made with createMessenger)')
  } else {
    const seen = new Set<string>()
    for (const [index, messenger] of messengers.entries()) {
      const m = messenger as Partial<RoutableMessenger> | null
      if (
        typeof m !== 'object' ||
        m === null ||
        typeof m.provider !== 'string' ||
        typeof m.send !== 'function' ||
        typeof m.preview !== 'function'
      ) {
        problems.push(`messengers[${index}] is not a messenger (made with createMessenger)`)
      } else if (seen.has(m.provider)) {
        problems.push(`messengers[${index}]: a second ${m.provider} messenger; a router takes one per provider`)
      } else seen.add(m.provider)
    }
  }
  if (typeof strategy === 'string' && strategy !== 'failover' && strategy !== 'round-robin') {
    problems.push(
      `option "strategy" must be 'failover', 'round-robin' or { weights } (got ${JSON.stringify(strategy)})`,
    )
  }
  if (!ON_AMBIGUOUS.includes(onAmbiguous)) {
    problems.push(`option "onAmbiguous" must be ${ON_AMBIGUOUS.map((o) => `'${o}'`).join(', ')}`)
  }
  const { failures = 5, cooldownMs = 30_000 } = (isPlainObject(breaker) ? breaker : {}) as {
    failures?: number
    cooldownMs?: number
  }
  if (!isPlainObject(breaker)) problems.push('option "breaker" must be an object { failures, cooldownMs }')
  else {
    const extra = Object.keys(breaker).filter((key) => key !== 'failures' && key !== 'cooldownMs')
    if (extra.length > 0) problems.push(`option "breaker" has unknown keys ${extra.join(', ')}`)
    if (!Number.isInteger(failures) || !(failures >= 1))
      problems.push('option "breaker.failures" must be an integer ≥ 1')
    if (!isPositive(cooldownMs)) problems.push('option "breaker.cooldownMs" must be a number of milliseconds > 0')
  }
  if (timeoutMs !== undefined && !isPositive(timeoutMs)) {
    problems.push('option "timeoutMs" must be a number of milliseconds > 0')
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') problems.push('option "onEvent" must be a function')
  if (typeof random !== 'function') problems.push('option "random" must be a function')
  if (problems.length > 0) {
    throw new TypeError(
      problems.length === 1
        ? `createRouter: ${problems[0]}.`
        : `createRouter: ${problems.length} problems with the options:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  return {
    messengers,
    strategy,
    onAmbiguous,
    breaker: { failures, cooldownMs },
    timeoutMs,
    onEvent,
    random,
  }
}
