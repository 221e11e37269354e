// The failover rule: what a provider's failure proves, and so what the router may do next.
// It reads the error's `sent`, decided once by the core's classifier for every provider.
import { isTextbridgeError, type Problem, type TextbridgeError } from '../core/errors.js'
import type { OnAmbiguous } from './types.js'

/**
 * `not-sent`: the failure proves nothing went out (a refusal, 429, 401/403, a connection never
 * made), so the next provider may send it. `maybe-sent`: it may have (5xx, a timeout, a reset
 * after the body went out). `sent`: the provider took it. `stop`: the caller's abort, or not
 * one of our errors: never routed on.
 */
export type Verdict = 'not-sent' | 'maybe-sent' | 'sent' | 'stop'

export function verdictOf(error: unknown): Verdict {
  if (!isTextbridgeError(error) || error.name === 'AbortError') return 'stop'
  return error.sent === 'no' ? 'not-sent' : error.sent === 'yes' ? 'sent' : 'maybe-sent'
}

/** What follows a failure of this verdict, under the `onAmbiguous` choice. */
export function nextStep(
  verdict: Exclude<Verdict, 'stop'>,
  onAmbiguous: OnAmbiguous,
  error: TextbridgeError,
): 'failover' | 'reconcile' | 'reject' {
  if (verdict === 'not-sent') return 'failover'
  // A text the provider took is never sent again, whatever the choice; a look-up finds it.
  if (verdict === 'maybe-sent' && onAmbiguous === 'failover') return 'failover'
  return onAmbiguous !== 'reject' && error.reconcile ? 'reconcile' : 'reject'
}

/** Each provider's problems with an input, merged: a problem they all share is listed once. */
export function mergedProblems(byProvider: readonly { provider: string; problems: readonly Problem[] }[]): Problem[] {
  const merged = new Map<string, { problem: Problem; providers: string[] }>()
  for (const { provider, problems } of byProvider) {
    for (const problem of problems) {
      const key = `${problem.path}\u0000${problem.rule}\u0000${problem.message}`
      const entry = merged.get(key)
      if (entry) entry.providers.push(provider)
      else merged.set(key, { problem, providers: [provider] })
    }
  }
  return [...merged.values()].map(({ problem, providers }) =>
    providers.length === byProvider.length
      ? problem
      : { ...problem, message: `${problem.message} (${providers.join(', ')})` },
  )
}
