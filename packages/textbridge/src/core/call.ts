// One request of a facade call: its deadline and signal, the retrying fetch beneath the
// client (core/client.ts, or any openapi-fetch client), and what came back turned into data or one of our errors (by classify.ts).
import type { ResolvedCall } from './call-options.js'
import { classifyFailure, classifyResponse, unusableAnswer } from './classify.js'
import { AbortError, type TextbridgeError } from './errors.js'
import type { MessengerContext } from './messenger-options.js'
import { ShapeError } from './read.js'
import { isIdempotent } from './retry/decide.js'
import { messageOf } from './retry/failures.js'
import { retryingFetch } from './retry/fetch.js'

/** What a call answers, in openapi-fetch's shape with `parseAs: 'stream'` (a success's body is read by the retry loop). */
export interface ClientAnswer {
  data?: unknown
  error?: unknown
  response: Response
}

/**
 * The client options of one call (openapi-fetch's names): our fetch and signal; a success's body left unread (the
 * retry loop has read it already), and the request body kept as text for a retry to re-send.
 */
export interface CallInit {
  fetch: (request: Request) => Promise<Response>
  signal: AbortSignal
  parseAs: 'stream'
  bodySerializer: (body: unknown) => string
}

/** A successful answer: its body parsed (undefined when empty), the text it came as, the response. */
export interface Success {
  body: unknown
  text: string
  response: Response
}

/**
 * Runs one request of a facade call. Resolves with the success; rejects with a typed error
 * (an `AbortError` when the caller's signal aborts it).
 */
export async function call(
  context: MessengerContext,
  settings: ResolvedCall,
  request: (init: CallInit) => Promise<ClientAnswer>,
): Promise<Success> {
  const { operation, timeoutMs, policy, signal: callerSignal } = settings
  if (callerSignal?.aborted) throw aborted(context, settings, false)
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), timeoutMs)
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal
  const repeatable = isIdempotent(operation) || policy.retryAmbiguousSends
  const send = context.fetch ?? ((req: Request, init?: RequestInit) => globalThis.fetch(req, init))
  let answer: ClientAnswer
  // Every body the adapters send is JSON (openapi-fetch's default serializer would do the same).
  let sent: string | undefined
  let started = false
  let text = ''
  try {
    answer = await request({
      signal,
      parseAs: 'stream',
      bodySerializer: (body) => (sent = JSON.stringify(body)),
      fetch: retryingFetch({
        provider: context.provider,
        policy,
        signal,
        deadline: Date.now() + timeoutMs,
        fetch: (req, init) => {
          started = true
          return send(req, init)
        },
        onRetry: context.onRetry,
        redact: context.redact,
        resend: () => sent,
        answered: (body) => {
          text = body
        },
      }),
    })
  } catch (error) {
    if (callerSignal?.aborted) throw aborted(context, settings, started)
    throw (
      classifyFailure(context, { operation, repeatable, timeoutMs, timedOut: deadline.signal.aborted }, error) ?? error
    )
  } finally {
    clearTimeout(timer)
  }
  const { response } = answer
  if (!response.ok) throw classifyResponse(context, operation, repeatable, response, answer.error)
  if (text === '') return { body: undefined, text, response }
  try {
    return { body: JSON.parse(text), text, response }
  } catch {
    throw unusableAnswer(
      context,
      operation,
      response,
      `${context.name} answered ${response.status} with a body that is not JSON`,
      text,
    )
  }
}

/** Reads a success with an adapter's reader; a body of the wrong shape is a ProviderError. */
export function read<T>(
  context: MessengerContext,
  settings: ResolvedCall,
  success: Success,
  reader: (body: unknown) => T,
): T {
  const { body, text, response } = success
  try {
    return reader(body)
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error
    throw unusableAnswer(
      context,
      settings.operation,
      response,
      `${context.name} answered ${response.status} with a body its spec does not describe (${error.message})`,
      text,
    )
  }
}

/** The caller's abort, before any request (`started` false: nothing sent) or during one. */
export function aborted(context: { provider: string }, settings: ResolvedCall, started: boolean): TextbridgeError {
  const reason: unknown = settings.signal?.reason
  const maybeSent = started && settings.operation === 'send'
  return new AbortError(
    `The ${settings.operation} was aborted (${messageOf(reason)})` +
      (started ? (maybeSent ? '; the message may have been sent' : '') : '; nothing was sent'),
    {
      provider: context.provider,
      operation: settings.operation,
      sent: started ? 'unknown' : 'no',
      retryable: !started,
      cause: reason,
    },
  )
}
