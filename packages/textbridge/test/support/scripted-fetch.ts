// A messenger whose fetch answers from a script, one step per send request, counting every
// request it gets. GETs (Quo's reconcile) answer from `found`: the messages Quo would list.
import type { Provider } from '../../src/index.js'
import { messengerFor, RAW_MESSAGE, TO } from './fixtures.js'

/** What a send request gets: a success, a status, or a failure on the wire. */
export type Step = 'ok' | 400 | 401 | 404 | 429 | 500 | 503 | 'refused' | 'reset' | 'hang' | 'unreadable'

export interface Scripted {
  messenger: ReturnType<typeof messengerFor>
  /** Send requests received (POST), and look-ups (GET). */
  count: { sends: number; lookups: number }
  /** Messages a Quo look-up finds (reconcile), as Quo's spec shapes them. */
  found: Record<string, unknown>[]
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function success(provider: Provider, body: { to?: unknown; content?: unknown; body?: unknown }): Response {
  const text = (body.content ?? body.body) as string
  if (provider === 'quo') return json(202, { data: { ...RAW_MESSAGE.quo, text, to: [TO] } })
  if (provider === 'signalwire') return json(201, { ...RAW_MESSAGE.signalwire, body: text })
  return json(201, { ...RAW_MESSAGE.textus, body: text })
}

const wireError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } })

export function scripted(
  provider: Provider,
  steps: readonly Step[] = [],
  extra: Record<string, unknown> = {},
): Scripted {
  const count = { sends: 0, lookups: 0 }
  const found: Record<string, unknown>[] = []
  const fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    if (request.method === 'GET') {
      count.lookups++
      return json(200, { data: found, totalItems: found.length, nextPageToken: null })
    }
    const step = steps[count.sends++] ?? 'ok'
    const body = JSON.parse(await request.text()) as Record<string, unknown>
    switch (step) {
      case 'ok':
        return success(provider, body)
      case 'refused':
        throw wireError('ECONNREFUSED')
      case 'reset':
        throw wireError('ECONNRESET')
      case 'unreadable':
        return new Response('<html>accepted</html>', { status: 202, headers: { 'content-type': 'text/html' } })
      case 'hang':
        return new Promise((_, reject) => {
          const signal = init?.signal ?? request.signal
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        })
      default:
        return json(step, { message: `status ${step}` })
    }
  }
  const messenger = messengerFor(provider, `https://${provider}.example`, {
    fetch,
    retry: { retries: 0 },
    timeoutMs: 300,
    ...extra,
  })
  return { messenger, count, found }
}
