// createRouter: one send over several messengers, failing over only when a failure proves the
// text was not sent. The order is the strategy's (order.ts), the rule is rules.ts's, the
// circuits are breaker.ts's; this file checks inputs and wires them together.
import { isTextbridgeError, type Problem, ValidationError } from '../core/errors.js'
import type { PreviewResult } from '../core/messenger.js'
import type { BroadcastResultOf, RecipientResultOf } from '../core/results.js'
import type { SendOptions as CallOptions } from '../core/types.js'
import { isPlainObject } from '../core/validation.js'
import { Circuit } from './breaker.js'
import { withAttempts } from './errors.js'
import { resolveRouterOptions } from './options.js'
import { orderFor } from './order.js'
import { type Lane, type RouteContext, route } from './route.js'
import { mergedProblems } from './rules.js'
import type { ProviderHealth, RoutableMessenger, Routed, RouterEvent, RouterOptions } from './types.js'

/** What a send of these messengers resolves with. */
export type SendResultOf<M> = M extends { send(...args: never[]): Promise<infer R> } ? R : never
/** What a router's send takes: any input one of its messengers takes, without `from` (each messenger's own). */
export type RouterSendInput<M> = M extends { send(input: infer I, ...rest: never[]): unknown }
  ? I extends unknown
    ? Omit<I, 'from'>
    : never
  : never
/** What a router's broadcast takes: a list of recipients and what each send takes beside `to`. */
export type RouterBroadcastInput<M> = (Exclude<RouterSendInput<M>, { delivery: 'group' }> extends infer S
  ? S extends unknown
    ? Omit<S, 'to'>
    : never
  : never) & { to: string[] }

/** What the router's `preview` resolves with: the dry run of the provider that would be tried first. */
export interface RouterPreview extends PreviewResult {
  /** The provider that would be tried first; undefined when none could send the input. */
  provider: string | undefined
  /** Every provider that could send it, in the order they would be tried (those with an open circuit last). */
  order: string[]
}

export interface Router<M extends RoutableMessenger> {
  /** The providers, in the order given. */
  readonly providers: readonly M['provider'][]
  /**
   * Sends through the first provider that can; fails over to the next only when a failure
   * proves nothing was sent. Resolves with the message (`provider`: who sent it) and `attempts`.
   */
  send(input: RouterSendInput<M>, options?: CallOptions): Promise<Routed<SendResultOf<M>>>
  /** Routes each recipient on its own, by the same rules; each result's message says who sent it. */
  broadcast(input: RouterBroadcastInput<M>, options?: CallOptions): Promise<BroadcastResultOf<Routed<SendResultOf<M>>>>
  /** What a send would do, sending nothing: which provider would be tried first, and its requests. */
  preview(input: RouterSendInput<M> | RouterBroadcastInput<M>, options?: CallOptions): Promise<RouterPreview>
  /** Each provider's circuit, in the order given. */
  health(): ProviderHealth[]
}

const CONCURRENCY = 4

/**
 * Creates a router over messengers of different providers.
 *
 * @example
 * const sms = createRouter({ messengers: [quo, signalwire, textus], strategy: 'failover' })
 * const msg = await sms.send({ to: '+15555550123', text: 'Your code is 1234' })
 * msg.provider // who sent it; msg.attempts: the providers tried before it, and why each did not
 */
export function createRouter<const M extends RoutableMessenger>(options: RouterOptions<M>): Router<M> {
  const resolved = resolveRouterOptions(options)
  const emit = (event: RouterEvent) => {
    try {
      resolved.onEvent?.(event)
    } catch {
      // A hook that throws must not turn a send into a failure (or a second text).
    }
  }
  const lanes: Lane[] = resolved.messengers.map((messenger) => ({
    messenger,
    circuit: new Circuit(messenger.provider, resolved.breaker, emit),
  }))
  const providers = resolved.messengers.map((messenger) => messenger.provider)
  const order = orderFor(resolved.strategy, providers, resolved.random)
  const context: RouteContext = { lanes, onAmbiguous: resolved.onAmbiguous, emit }

  /** The routed call's budget, from the call's `timeoutMs` or the router's; problems pushed. */
  function budgetOf(callOptions: unknown, problems: Problem[]) {
    if (callOptions !== undefined && !isPlainObject(callOptions)) {
      problems.push({ path: 'options', rule: 'type', message: 'must be an object' })
      return undefined
    }
    // Every other option is the messengers' to check (their preview does, before any request).
    const timeoutMs = (callOptions as CallOptions | undefined)?.timeoutMs ?? resolved.timeoutMs
    if (timeoutMs === undefined) return undefined
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      problems.push({ path: 'options.timeoutMs', rule: 'type', message: 'must be a number of milliseconds > 0' })
      return undefined
    }
    return { timeoutMs, deadline: Date.now() + timeoutMs }
  }

  /** Checks a router can honour the input at all: a sender belongs to one messenger. */
  function inputProblems(input: unknown, problems: Problem[]): void {
    if (isPlainObject(input) && input.from !== undefined) {
      problems.push({
        path: 'from',
        rule: 'unsupported',
        message:
          'a router sends from each messenger’s own number: set `from` when you create the messenger, or send through that messenger',
        value: input.from,
      })
    }
  }

  /** Whether some provider (circuits aside) can send this input; its problems otherwise. */
  async function sendable(input: unknown, callOptions: CallOptions | undefined): Promise<Problem[]> {
    const found: { provider: string; problems: Problem[] }[] = []
    for (const { messenger } of lanes) {
      const dry = await messenger.preview(input, callOptions)
      if (dry.ok) return []
      found.push({ provider: messenger.provider, problems: dry.problems })
    }
    return mergedProblems(found)
  }

  const router: Router<M> = {
    providers,
    async send(input, callOptions) {
      const problems: Problem[] = []
      const budget = budgetOf(callOptions, problems)
      inputProblems(input, problems)
      if (problems.length > 0) throw withAttempts(new ValidationError(undefined, 'send', problems), [])
      return (await route(context, order.next(), input, callOptions, budget)) as Routed<SendResultOf<M>>
    },

    async broadcast(input, callOptions) {
      const problems: Problem[] = []
      budgetOf(callOptions, problems)
      inputProblems(input, problems)
      const given: unknown = input
      const to = isPlainObject(given) ? given.to : undefined
      if (!isPlainObject(given)) problems.push({ path: '', rule: 'type', message: 'must be an object' })
      else if (!Array.isArray(to) || to.length === 0) {
        problems.push({ path: 'to', rule: 'min-items', message: 'must be a list of at least one recipient', value: to })
      } else {
        if (given.delivery !== undefined) {
          problems.push({
            path: 'delivery',
            rule: 'unknown',
            message: 'a broadcast sends each recipient a message of their own; use send() for a group',
          })
        }
        const seen = new Set<unknown>()
        for (const [index, recipient] of to.entries()) {
          if (seen.has(recipient)) {
            problems.push({
              path: `to[${index}]`,
              rule: 'unique',
              message: 'is listed twice (they would get the text twice)',
              value: recipient,
            })
          }
          seen.add(recipient)
        }
      }
      if (problems.length > 0) throw new ValidationError(undefined, 'broadcast', problems)
      const recipients = to as unknown[]
      const each = (recipient: unknown) => ({ ...(input as Record<string, unknown>), to: recipient })
      // Checked before any request: a recipient no provider can send to fails the whole call, as a messenger's broadcast does.
      for (const [index, recipient] of recipients.entries()) {
        const found = await sendable(each(recipient), callOptions)
        for (const problem of found) {
          problems.push({ ...problem, path: problem.path === 'to' ? `to[${index}]` : problem.path })
        }
      }
      if (problems.length > 0)
        throw new ValidationError(undefined, 'broadcast', mergedProblems([{ provider: '', problems }]))

      const results: RecipientResultOf<Routed<SendResultOf<M>>>[] = new Array(recipients.length)
      let next = 0
      const worker = async () => {
        while (next < recipients.length) {
          const index = next++
          const recipient = recipients[index] as string
          try {
            const budget = budgetOf(callOptions, [])
            const message = await route(context, order.next(), each(recipient), callOptions, budget)
            results[index] = { to: recipient, ok: true, message: message as Routed<SendResultOf<M>> }
          } catch (error) {
            if (!isTextbridgeError(error)) throw error
            results[index] = { to: recipient, ok: false, error }
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, recipients.length) }, worker))
      const accepted = results.filter((result) => result.ok).length
      return { delivery: 'broadcast', results, accepted, failed: results.length - accepted }
    },

    async preview(input, callOptions) {
      const problems: Problem[] = []
      budgetOf(callOptions, problems)
      inputProblems(input, problems)
      const given: unknown = input
      const mode = isPlainObject(given) && Array.isArray(given.to) && given.delivery !== 'group' ? 'broadcast' : 'send'
      if (problems.length > 0)
        return { ok: false, mode, problems, requests: [], segments: undefined, provider: undefined, order: [] }
      const found: { provider: string; problems: Problem[] }[] = []
      const closed: (PreviewResult & { provider: string })[] = []
      const open: (PreviewResult & { provider: string })[] = []
      for (const index of order.peek()) {
        const { messenger, circuit } = lanes[index] as Lane
        const dry = await messenger.preview(input, callOptions)
        if (!dry.ok) found.push({ provider: messenger.provider, problems: dry.problems })
        else (circuit.waitMs() === 0 ? closed : open).push({ ...dry, provider: messenger.provider })
      }
      const usable = [...closed, ...open]
      if (usable[0]) return { ...usable[0], order: usable.map((dry) => dry.provider) }
      return {
        ok: false,
        mode,
        problems: mergedProblems(found),
        requests: [],
        segments: undefined,
        provider: undefined,
        order: [],
      }
    },

    health: () => lanes.map((lane) => lane.circuit.health()),
  }
  return router
}
