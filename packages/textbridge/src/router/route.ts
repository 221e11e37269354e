// One routed send: the providers in order, each skipped when its circuit is open or the input
// is not one it can send, tried otherwise; what a failure proves decides whether the next one
// may send it (rules.ts). Resolves with the message and every provider tried before it.
import { type Problem, type TextbridgeError, TimeoutError, ValidationError } from '../core/errors.js'
import type { SendOptions as CallOptions } from '../core/types.js'
import type { Circuit } from './breaker.js'
import { isBrokenCircuit } from './breaker.js'
import { CircuitOpenError, withAttempts } from './errors.js'
import { mergedProblems, nextStep, verdictOf } from './rules.js'
import type { OnAmbiguous, RoutableMessenger, RouteAttempt, Routed, RouterEvent } from './types.js'

export interface Lane {
  messenger: RoutableMessenger
  circuit: Circuit
}

export interface RouteContext {
  lanes: readonly Lane[]
  onAmbiguous: OnAmbiguous
  emit: (event: RouterEvent) => void
}

/** A call's options for one provider: the time left of the routed call, when it has a deadline. */
function optionsFor(options: CallOptions | undefined, deadline: number | undefined): CallOptions | undefined {
  if (deadline === undefined) return options
  return { ...options, timeoutMs: Math.max(1, Math.ceil(deadline - Date.now())) }
}

/** Problems with the call's options are the caller's, the same for every provider: never a reason to fail over. */
function optionProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.path === 'options' || problem.path.startsWith('options.'))
}

export async function route(
  context: RouteContext,
  order: readonly number[],
  input: unknown,
  options: CallOptions | undefined,
  budget: { timeoutMs: number; deadline: number } | undefined,
): Promise<Routed<object>> {
  const deadline = budget?.deadline
  const attempts: RouteAttempt[] = []
  const invalid: { provider: string; problems: Problem[] }[] = []
  let failure: TextbridgeError | undefined
  let soonestProbe = Number.POSITIVE_INFINITY
  const others = (error: TextbridgeError) => attempts.filter((attempt) => attempt.error !== error)
  const skipOpen = (lane: Lane) => {
    const { provider } = lane.messenger
    const waitMs = Math.max(1, lane.circuit.waitMs())
    soonestProbe = Math.min(soonestProbe, waitMs)
    const error = new CircuitOpenError(
      `Skipped ${provider}: its circuit is ${lane.circuit.state} after repeated failures; nothing was sent through it.`,
      { provider, retryAfterMs: waitMs },
    )
    attempts.push({ provider, error, skipped: 'circuit-open' })
    context.emit({ type: 'skipped', provider, reason: 'circuit-open' })
  }

  for (const index of order) {
    if (deadline !== undefined && Date.now() >= deadline) break
    const lane = context.lanes[index] as Lane
    const { messenger, circuit } = lane
    const { provider } = messenger
    if (circuit.waitMs() > 0) {
      skipOpen(lane)
      continue
    }
    const dry = await messenger.preview(input, options)
    if (!dry.ok) {
      const own = optionProblems(dry.problems)
      if (own.length > 0) throw withAttempts(new ValidationError(undefined, 'send', own), attempts)
      const error = new ValidationError(provider, 'send', dry.problems)
      attempts.push({ provider, error, skipped: 'invalid' })
      invalid.push({ provider, problems: dry.problems })
      context.emit({ type: 'skipped', provider, reason: 'invalid' })
      continue
    }
    // Checked again, in the same turn as the send: the circuit may have opened during the preview.
    if (circuit.waitMs() > 0) {
      skipOpen(lane)
      continue
    }
    try {
      const message = (await circuit.run(() => messenger.send(input as never, optionsFor(options, deadline)))) as object
      context.emit({ type: 'sent', provider, attempts: attempts.length })
      return { ...message, attempts }
    } catch (thrown) {
      if (isBrokenCircuit(thrown)) {
        skipOpen(lane)
        continue
      }
      const verdict = verdictOf(thrown)
      if (verdict === 'stop') throw withAttempts(thrown, attempts)
      const error = thrown as TextbridgeError
      const step = nextStep(verdict, context.onAmbiguous, error)
      context.emit({ type: 'failed', provider, error, next: step })
      if (step === 'reject') throw withAttempts(error, attempts)
      if (step === 'failover') {
        attempts.push({ provider, error })
        failure = error
        continue
      }
      if (deadline !== undefined && Date.now() >= deadline) throw withAttempts(error, attempts)
      const found = await (error.reconcile as NonNullable<TextbridgeError['reconcile']>)(optionsFor(options, deadline))
      context.emit({ type: 'reconciled', provider, outcome: found.outcome })
      if (found.outcome === 'sent') {
        context.emit({ type: 'sent', provider, attempts: attempts.length })
        return { ...found.message, attempts }
      }
      if (found.outcome === 'unknown' || verdict === 'sent') throw withAttempts(error, attempts)
      attempts.push({ provider, error, reconciled: 'not-found' })
      failure = error
    }
  }

  if (failure) throw withAttempts(failure, others(failure))
  if (soonestProbe < Number.POSITIVE_INFINITY) {
    const reason = invalid.length > 0 ? ', or cannot send this input' : ''
    throw withAttempts(
      new CircuitOpenError(
        `No provider could take the send: each has its circuit open${reason}. Nothing was sent; try again in ${Math.ceil(soonestProbe / 1000)} s.`,
        { retryAfterMs: soonestProbe },
      ),
      attempts,
    )
  }
  if (invalid.length > 0 && invalid.length === attempts.length) {
    throw withAttempts(new ValidationError(undefined, 'send', mergedProblems(invalid)), attempts)
  }
  throw withAttempts(
    new TimeoutError('The routed send ran out of time before a provider could be tried; nothing was sent.', {
      operation: 'send',
      retryable: true,
      sent: 'no',
      timeoutMs: budget?.timeoutMs ?? 0,
    }),
    attempts,
  )
}
