// What happens to one job, the same with either store: a stalled send is reconciled (or ends
// unknown), a send is marked as begun before its request goes out, and its failure is read by
// what it proves: retried only when nothing was sent.
import { isTextbridgeError } from '../core/errors.js'
import { backoffDelay } from '../core/retry/backoff.js'
import { serializeError, stalledSend } from './errors.js'
import { canReconcile, reconcileInput } from './reconcile.js'
import type { QueueMessenger, SerializedError } from './types.js'

/** A job as a store hands it to a worker. */
export interface StoreJob {
  id: string
  input: unknown
  /** Sends of this job that ended proving nothing was sent (or found not sent), so far. */
  tries: number
  /** When a send of this job began and did not end: set by `mark()`, cleared by the store. */
  markedAt: number | undefined
}

/** What the store does next with a job. */
export type Outcome =
  | { state: 'sent'; message: unknown }
  | { state: 'failed'; error: SerializedError }
  | { state: 'unknown'; error: SerializedError }
  /** Nothing was sent: pending again after `delayMs`, one more try spent, the marker cleared. */
  | { state: 'retry'; delayMs: number; error: SerializedError }
  /** A 429: the lane pauses for `delayMs`; the job goes back without spending a try. */
  | { state: 'rate-limited'; delayMs: number }
  /** Outcome unknown but the provider can look it up: keep the marker, reconcile at `untilMs`. */
  | { state: 'wait'; untilMs: number }
  /** Looked up and not there: send again through the lane (a try spent, the marker cleared). */
  | { state: 'resend' }

export interface RunSettings {
  messenger: QueueMessenger
  retry: { retries: number; minDelayMs: number; maxDelayMs: number; jitter: boolean }
  /** Each send's timeout: after markedAt + sendTimeoutMs, the send that marked the job is over. */
  sendTimeoutMs: number
  reconcileAfterMs: number
  reconcileWindowMs: number
  /** The lane's wait after a 429 that said no Retry-After. */
  defaultPauseMs: number
}

/** Runs one job; `mark` must make the job's marker durable before it resolves. */
export async function runJob(settings: RunSettings, job: StoreJob, mark: () => Promise<void>): Promise<Outcome> {
  const { messenger } = settings
  if (job.markedAt !== undefined) return reconcileStalled(settings, job)
  await mark()
  try {
    const message = await messenger.send(job.input as never, {
      retry: { retries: 0 },
      timeoutMs: settings.sendTimeoutMs,
    })
    return { state: 'sent', message }
  } catch (error) {
    if (!isTextbridgeError(error)) return { state: 'unknown', error: serializeError(error) }
    if (isTextbridgeError(error, 'RateLimitError')) {
      return { state: 'rate-limited', delayMs: error.retryAfterMs ?? settings.defaultPauseMs }
    }
    if (error.sent === 'no') {
      if (!error.retryable || job.tries >= settings.retry.retries)
        return { state: 'failed', error: serializeError(error) }
      return { state: 'retry', delayMs: backoffDelay(settings.retry, job.tries + 1), error: serializeError(error) }
    }
    if (error.sent === 'yes') return { state: 'sent', message: undefined }
    if (canReconcile(messenger)) return { state: 'wait', untilMs: Date.now() + settings.reconcileAfterMs }
    // A provider that cannot look messages up: the app decides.
    return { state: 'unknown', error: serializeError(error) }
  }
}

async function reconcileStalled(settings: RunSettings, job: StoreJob): Promise<Outcome> {
  const { messenger } = settings
  const markedAt = job.markedAt as number
  if (!canReconcile(messenger)) {
    return {
      state: 'unknown',
      error: serializeError(stalledSend(messenger.provider, 'this provider cannot look messages up')),
    }
  }
  if (Date.now() < markedAt + settings.reconcileAfterMs)
    return { state: 'wait', untilMs: markedAt + settings.reconcileAfterMs }
  const found = await reconcileInput(messenger, job.input, markedAt - settings.reconcileWindowMs)
  if (found.outcome === 'sent') return { state: 'sent', message: found.message }
  if (found.outcome === 'unknown') {
    const { name, message } = serializeError(found.error)
    return {
      state: 'unknown',
      error: serializeError(stalledSend(messenger.provider, `looking it up failed (${name}: ${message})`)),
    }
  }
  if (job.tries >= settings.retry.retries) {
    const reason = `it was not found, but ${job.tries + 1} sends of it ended without an answer`
    return { state: 'unknown', error: serializeError(stalledSend(messenger.provider, reason)) }
  }
  return { state: 'resend' }
}
