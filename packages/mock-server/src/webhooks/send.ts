// Posts one webhook delivery the way providers do: signed afresh on each attempt, retried on a
// connection failure, a timeout, a 408, a 429 or a 5xx, with a doubling wait; then reported,
// never thrown. Plain node:http with no keep-alive, so nothing lingers once the mock closes.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** The outcome of one delivery, after its retries. */
export interface Delivery {
  /** The event type, e.g. `message.delivered`. */
  type: string
  /** Where it was sent. */
  url: string
  /** The delivery's id, the same on every attempt. */
  id: string
  /** The body sent (JSON text, or a form's). */
  body: string
  /** The receiver's last status; 0 when no answer came (refused, reset, timed out, mock closed). */
  status: number
  /** Whether the receiver answered 2xx. */
  ok: boolean
  /** How many times it was sent. */
  attempts: number
  /** Why the last attempt failed, when it did. */
  error?: string
}

export interface SendOptions {
  type: string
  url: string
  id: string
  body: string
  /** The body's media type. @default 'application/json' */
  contentType?: string
  /** The signature headers for an attempt made at `now` (epoch ms). */
  sign: (now: number) => Record<string, string>
  /** Retries after the first attempt. */
  retries: number
  /** The wait before the first retry; each next one waits twice as long. */
  backoffMs: number
  /** How long one attempt may take. */
  timeoutMs: number
  /** Aborted when the mock closes: the delivery stops and reports so. */
  signal: AbortSignal
  /** Schedules a wait the mock can cancel on close. */
  wait: (ms: number) => Promise<void>
}

export async function sendWebhook(options: SendOptions): Promise<Delivery> {
  const delivery: Delivery = {
    type: options.type,
    url: options.url,
    id: options.id,
    body: options.body,
    status: 0,
    ok: false,
    attempts: 0,
  }
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await options.wait(options.backoffMs * 2 ** (attempt - 1))
    if (options.signal.aborted) {
      delivery.error = 'the mock closed before the delivery succeeded'
      return delivery
    }
    delivery.attempts++
    try {
      delivery.status = await post(options)
      delete delivery.error
    } catch (error) {
      delivery.status = 0
      delivery.error = (error as Error).message
    }
    delivery.ok = delivery.status >= 200 && delivery.status < 300
    if (delivery.ok || !retryable(delivery.status)) break
    if (delivery.status !== 0) delivery.error = `the receiver answered ${delivery.status}`
  }
  return delivery
}

function retryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500
}

function post(options: SendOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    let target: URL
    try {
      target = new URL(options.url)
    } catch {
      reject(new Error('the webhook URL is not a valid absolute URL'))
      return
    }
    const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined
    if (!send) {
      reject(new Error(`the webhook URL must be http or https, got ${target.protocol}`))
      return
    }
    const body = Buffer.from(options.body)
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        signal: options.signal,
        timeout: options.timeoutMs,
        headers: {
          'content-type': options.contentType ?? 'application/json',
          'content-length': String(body.length),
          'user-agent': 'textbridge-mock',
          connection: 'close',
          ...options.sign(Date.now()),
        },
      },
      (res: IncomingMessage) => {
        res.resume()
        res.once('end', () => resolve(res.statusCode ?? 0))
        res.once('error', reject)
      },
    )
    req.once('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)))
    req.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.name === 'AbortError' ? 'the mock closed during the delivery' : describe(error))),
    )
    req.end(body)
  })
}

function describe(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}: ${error.message}` : error.message
}
