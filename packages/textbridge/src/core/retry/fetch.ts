// The retry loop, as the `fetch` the client calls: every attempt is a fresh copy of the
// request the client built (middleware included), sent through the caller's own fetch; what
// each attempt came to goes to decide(), which alone says whether to wait and try again.
import { abortion, raceAbort, sleep } from '../abort.js'
import type { RetryEvent } from '../types.js'
import { type AttemptOutcome, type AttemptPolicy, decide } from './decide.js'
import { BrokenAnswer, messageOf, NoAnswer, neverConnected } from './failures.js'
import { isJson, readCapped, TooLarge } from './read-body.js'

export interface RetryingFetchOptions {
  provider: string
  policy: AttemptPolicy
  /** Aborts with the call (its deadline or the caller's signal). */
  signal: AbortSignal
  /** Epoch ms after which no new attempt starts. */
  deadline: number
  fetch: (request: Request, init?: RequestInit) => Promise<Response>
  onRetry: ((event: RetryEvent) => void) | undefined
  redact: (text: string) => string
  /** The request body as text, when known: a retry re-sends it instead of a copy kept up front. */
  resend?: () => string | undefined
  /** Told the body text of the answer handed back (a success's Response comes without it). */
  answered: (text: string) => void
}

export function retryingFetch(options: RetryingFetchOptions): (request: Request) => Promise<Response> {
  const { policy, signal } = options
  return async (request) => {
    // A request without a body can be sent again as it is; one whose body is known as text is
    // rebuilt with it; any other is copied up front, kept unread, so every retry re-sends the same body.
    const body = request.body === null ? undefined : options.resend?.()
    const spare = policy.retries > 0 && request.body !== null && body === undefined ? request.clone() : undefined
    const abort = abortion(signal)
    for (let attempt = 1; ; attempt++) {
      const current =
        attempt === 1 || request.body === null
          ? request
          : body === undefined
            ? (spare as Request).clone()
            : new Request(request, { body })
      // Asks decide(); when it says "again", reports the retry and waits. `unread` is an answer
      // given up on, whose body is released first.
      const again = async (outcome: AttemptOutcome, error?: unknown, unread?: Response): Promise<boolean> => {
        const decision = decide(policy, outcome, attempt, options.deadline)
        if (!decision.retry) return false
        await unread?.body?.cancel().catch(() => undefined)
        const status = outcome.kind === 'no-answer' || decision.reason === 'connection' ? undefined : outcome.status
        notify(options, {
          attempt,
          delayMs: decision.delayMs,
          reason: decision.reason,
          ...(status === undefined ? {} : { status }),
          ...(error === undefined ? {} : { error: options.redact(messageOf(error)) }),
        })
        await sleep(decision.delayMs, signal)
        return true
      }
      let response: Response
      try {
        // The signal goes to fetch itself: a Request's own link to its signal can be lost to
        // garbage collection (Node's fetch), and then a hung attempt would never be aborted.
        // The race settles the call even with a fetch that ignores signals altogether.
        response = await raceAbort(options.fetch(current, { signal }), abort, (late) => late.body?.cancel())
      } catch (error) {
        if (signal.aborted) throw error
        const requestSent = neverConnected(error) ? false : 'unknown'
        if (await again({ kind: 'no-answer', requestSent }, error)) continue
        throw new NoAnswer(error, requestSent, attempt)
      }
      const { status, headers } = response
      if (!response.ok && (await again({ kind: 'status', status, headers }, undefined, response))) continue
      // The body is read here, inside the loop: for a GET, a body cut off midway or a success
      // that is not JSON is worth another attempt, like a 5xx; for a send, the status is kept.
      let text: string
      try {
        text = await readCapped(response, abort)
      } catch (error) {
        if (signal.aborted || error instanceof TooLarge) throw error
        if (await again({ kind: 'broken-body', status }, error)) continue
        throw new BrokenAnswer(error, status, attempt)
      }
      if (response.ok && text !== '' && !isJson(text) && (await again({ kind: 'not-json', status }))) continue
      options.answered(text)
      return rebuilt(response, text)
    }
  }
}

/**
 * The same answer with its body already read (as fetch hands it out: decoded). A failure keeps
 * its text, which the client reads as the error; a success's text went to `answered`.
 */
function rebuilt(response: Response, text: string): Response {
  const headers = new Headers(response.headers)
  headers.delete('content-encoding')
  headers.delete('content-length')
  const empty = response.ok || text === '' || [101, 204, 205, 304].includes(response.status)
  if (empty) headers.set('content-length', '0')
  return new Response(empty ? null : text, { status: response.status, statusText: response.statusText, headers })
}

function notify(options: RetryingFetchOptions, event: Omit<RetryEvent, 'provider' | 'operation'>): void {
  try {
    options.onRetry?.({ provider: options.provider, operation: options.policy.operation, ...event })
  } catch {
    // A failing hook (a logger, say) must not turn a retry into a failure.
  }
}
