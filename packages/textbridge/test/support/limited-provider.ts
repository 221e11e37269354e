// A provider that keeps to a rate limit and remembers what it took: Quo's send and list, and
// SignalWire's send (which cannot be looked up), behind a token bucket (up to `max` requests
// or segments at once, refilled at `max` per `perMs`, the usual provider limiter) that answers 429 with
// Retry-After past it. Its record is the truth a queue's outcome is checked against.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Taken {
  provider: 'quo' | 'signalwire'
  to: string
  text: string
  at: number
}

export interface LimitedProvider {
  url: string
  /** Every send it accepted, in order. */
  taken: Taken[]
  /** How many requests it answered 429. */
  rejected: number
  /** The next `count` sends answer 500: after storing the message (`'after'`) or before (`'before'`). */
  fail(count: number, when: 'before' | 'after'): void
  /** Texts taken more than once (same recipient and text). */
  duplicates(): string[]
  close(): Promise<void>
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString()
}

/** `by: 'segment'` spends a text's SMS segments from the bucket, as SignalWire counts them. */
export async function limitedProvider(rate: {
  max: number
  perMs: number
  by?: 'request' | 'segment'
}): Promise<LimitedProvider> {
  const taken: Taken[] = []
  let rejected = 0
  let failures: { count: number; when: 'before' | 'after' } = { count: 0, when: 'before' }
  let tokens = rate.max
  let refilledAt = performance.now()
  const take = (cost: number) => {
    const now = performance.now()
    tokens = Math.min(rate.max, tokens + ((now - refilledAt) * rate.max) / rate.perMs)
    refilledAt = now
    if (tokens < cost) return Math.ceil(((cost - tokens) * rate.perMs) / rate.max)
    tokens -= cost
    return 0
  }
  // Imported only by segment (the bench and the demo run this file on Node, which cannot map .js to .ts).
  const segments = rate.by === 'segment' ? await import('../../src/segments.js') : undefined
  const costOf = (text: string) => {
    if (!segments) return 1
    const { content, body } = JSON.parse(text || '{}') as { content?: string; body?: string }
    const message = content ?? body
    return typeof message === 'string' ? segments.countSegments(message).segments : 1
  }
  const stored = (provider: Taken['provider'], to: string, text: string) => {
    const entry = { provider, to, text, at: Date.now() }
    taken.push(entry)
    return { entry, index: taken.length - 1 }
  }
  const quoMessage = (index: number, entry: Taken) => ({
    id: `AC${index}`,
    to: [entry.to],
    from: '+15555550100',
    text: entry.text,
    phoneNumberId: 'PN123abc',
    conversationId: 'CN1',
    direction: 'outgoing',
    userId: 'US1',
    status: 'queued',
    createdAt: new Date(entry.at).toISOString(),
    updatedAt: new Date(entry.at).toISOString(),
  })

  const server = createServer(async (req, res) => {
    const text = await body(req)
    const url = new URL(req.url ?? '/', 'http://provider')
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const json = JSON.stringify(payload)
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
        ...headers,
      })
      res.end(json)
    }
    const wait = take(req.method === 'POST' ? costOf(text) : 1)
    if (wait > 0) {
      rejected += 1
      return reply(
        429,
        { message: 'Too Many Requests', code: '0100429', status: 429, docs: 'x', title: 'Too Many Requests' },
        {
          'retry-after': String(Math.max(1, Math.ceil(wait / 1000))),
          'retry-after-ms': String(wait),
        },
      )
    }
    const isSend =
      req.method === 'POST' && (url.pathname === '/v1/messages' || url.pathname === '/api/messaging/messages')
    let failing: 'before' | 'after' | undefined
    if (isSend && failures.count > 0) {
      failures.count -= 1
      failing = failures.when
    }
    const fail = () =>
      reply(500, { message: 'Internal error', code: '0100500', status: 500, docs: 'x', title: 'Internal' })
    if (failing === 'before') return fail()
    if (req.method === 'POST' && url.pathname === '/v1/messages') {
      const input = JSON.parse(text) as { to: string[]; content: string }
      const { entry, index } = stored('quo', input.to[0] as string, input.content)
      return failing ? fail() : reply(202, { data: quoMessage(index, entry) })
    }
    if (req.method === 'POST' && url.pathname === '/api/messaging/messages') {
      const input = JSON.parse(text) as { to: string; body: string }
      const { entry, index } = stored('signalwire', input.to, input.body)
      if (failing) return fail()
      return reply(201, {
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        from: '+15555550100',
        to: entry.to,
        body: entry.text,
        status: 'queued',
        direction: 'outbound',
        kind: 'sms',
        media: [],
        number_of_segments: 1,
        error_code: null,
        error_message: null,
        created_at: new Date(entry.at).toISOString(),
        project_id: '0b5d1f0c-7f4e-4a69-9a53-2a2b7d4a1e10',
        status_callback_url: null,
        message_uri: `/api/messaging/logs/${index}`,
      })
    }
    if (req.method === 'GET' && url.pathname === '/v1/messages') {
      const participants = url.searchParams.getAll('participants')
      const after = url.searchParams.get('createdAfter')
      const size = Number(url.searchParams.get('maxResults') ?? 10)
      const offset = Number(url.searchParams.get('pageToken') ?? 0)
      const matching = taken
        .map((entry, index) => ({ entry, index }))
        .filter(
          ({ entry }) =>
            entry.provider === 'quo' &&
            participants.length === 1 &&
            entry.to === participants[0] &&
            (!after || entry.at >= new Date(after).getTime()),
        )
      const page = matching.slice(offset, offset + size).map(({ entry, index }) => quoMessage(index, entry))
      return reply(200, {
        data: page,
        totalItems: matching.length,
        nextPageToken: offset + size < matching.length ? String(offset + size) : null,
      })
    }
    reply(404, { message: 'Not Found', code: '0200404', status: 404, docs: 'x', title: 'Not Found' })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    taken,
    get rejected() {
      return rejected
    },
    fail(count, when) {
      failures = { count, when }
    },
    duplicates() {
      const seen = new Map<string, number>()
      for (const t of taken) seen.set(`${t.to} ${t.text}`, (seen.get(`${t.to} ${t.text}`) ?? 0) + 1)
      return [...seen].filter(([, n]) => n > 1).map(([key]) => key)
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
