// The node:http side of every mock: reads each request, records it, asks an answerer (Prism,
// or an upstream server through the fault proxy) and writes the answer, spoilt by a fault when
// the plan says so.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BEFORE_PROCESSING, type FaultKind, type FaultOptions, type FaultPlan, faultPlan } from './faults.js'
import type { Violation } from './violations.js'

/** A request as the mock received it, with what it answered. */
export interface RecordedRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: Record<string, string>
  /** The raw body text ('' when none). */
  body: string
  /** The status sent, 0 when none was (a reset, a hang). */
  status: number
  /** Breaks of the spec the mock found in this request. */
  violations: Violation[]
  /** The fault injected into this exchange, if any. */
  fault?: FaultKind
  /**
   * Whether the request reached the mock engine (or the upstream) and was answered there: a
   * fault before processing (a 429, a reset…) leaves it false, one after it (a hang, a body cut
   * short…) does not. A send with `processed` and a 2xx `engineStatus` was accepted.
   */
  processed: boolean
  /** The status the engine answered, before any fault spoilt it (0 when not processed). */
  engineStatus: number
}

/** What an answerer says to a request. */
export interface Answer {
  status: number
  headers: Record<string, string>
  /** undefined: no body. */
  body: string | undefined
  violations: Violation[]
}

export type Answerer = (request: RecordedRequest) => Promise<Answer>

export interface MockServer {
  /** Base URL to give a client, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string
  readonly port: number
  /** Every request received so far, oldest first. */
  readonly requests: readonly RecordedRequest[]
  /** Forgets the recorded requests (the fault schedule goes on counting). */
  clearRequests(): void
  /** Turns fault injection on with new options, or off with undefined. */
  setFaults(faults: FaultOptions | undefined): void
  /** How many faults of each kind were injected so far. */
  faultCounts(): Partial<Record<FaultKind, number>>
  /** Stops listening and drops open connections (hung ones too). Safe to call twice. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export async function serve(options: {
  answer: Answerer
  host?: string | undefined
  port?: number | undefined
  faults?: FaultOptions | undefined
}): Promise<MockServer> {
  const requests: RecordedRequest[] = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const counts: Partial<Record<FaultKind, number>> = {}
  let plan: FaultPlan | undefined = options.faults ? faultPlan(options.faults) : undefined
  let index = 0

  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      action()
    }, ms)
    timers.add(timer)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: flattenHeaders(req),
      body,
      status: 0,
      violations: [],
      processed: false,
      engineStatus: 0,
    }
    requests.push(record)
    const fault = plan?.pick({ method: record.method, path: record.url.split('?')[0] as string, index: index++ })
    if (fault) {
      record.fault = fault
      counts[fault] = (counts[fault] ?? 0) + 1
    }
    if (fault && BEFORE_PROCESSING.has(fault)) return injectBefore(fault, record, res, plan as FaultPlan)
    const answer = await options.answer(record)
    record.processed = true
    record.engineStatus = answer.status
    record.violations = answer.violations.filter((violation) => violation.location[0] === 'request')
    if (fault) return injectAfter(fault, record, answer, res, plan as FaultPlan, later)
    write(res, record, answer)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const record = requests.at(-1)
      if (!res.headersSent && record) write(res, record, problem(500, 'Mock failure', String(error)))
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      server.closeAllConnections()
      server.close(() => resolve())
    })
    return closing
  }
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    clearRequests: () => {
      requests.length = 0
    },
    setFaults: (faults) => {
      plan = faults ? faultPlan(faults) : undefined
    },
    faultCounts: () => ({ ...counts }),
    close,
    [Symbol.asyncDispose]: close,
  }
}

function write(res: ServerResponse, record: RecordedRequest, answer: Answer): void {
  record.status = answer.status
  res.statusCode = answer.status
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value)
  if (answer.body === undefined) {
    res.setHeader('content-length', '0')
    res.end()
  } else {
    res.setHeader('content-length', Buffer.byteLength(answer.body))
    res.end(answer.body)
  }
}

export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
    violations: [],
  }
}

function injectBefore(fault: FaultKind, record: RecordedRequest, res: ServerResponse, plan: FaultPlan): void {
  const seconds = plan.retryAfterSeconds
  switch (fault) {
    case 'reset':
      res.socket?.destroy()
      return
    case 'rate-limit':
      write(res, record, { ...problem(429, 'Too Many Requests', 'fault'), headers: retryAfter(String(seconds)) })
      return
    case 'rate-limit-date':
      write(res, record, {
        ...problem(429, 'Too Many Requests', 'fault'),
        headers: retryAfter(new Date(Date.now() + seconds * 1000).toUTCString()),
      })
      return
    case 'server-error':
      write(res, record, problem(500, 'Internal Server Error', 'fault'))
      return
    case 'unavailable':
      write(res, record, problem(503, 'Service Unavailable', 'fault'))
      return
    default:
      // echo-headers: a server that repeats the request's headers (credentials too) in its error.
      write(
        res,
        record,
        problem(400, 'Bad Request', `you sent ${JSON.stringify(record.headers)}`, { echo: record.headers }),
      )
      return
  }
}

function retryAfter(value: string): Record<string, string> {
  return { 'content-type': 'application/problem+json', 'retry-after': value }
}

function injectAfter(
  fault: FaultKind,
  record: RecordedRequest,
  answer: Answer,
  res: ServerResponse,
  plan: FaultPlan,
  later: (ms: number, action: () => void) => void,
): void {
  const body = answer.body ?? ''
  switch (fault) {
    case 'bad-gateway':
      write(res, record, {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        violations: [],
      })
      return
    case 'hang':
      return
    case 'wrong-content-type':
      write(res, record, {
        ...answer,
        headers: { ...answer.headers, 'content-type': 'text/html; charset=utf-8' },
      })
      return
    case 'malformed-json':
      write(res, record, { ...answer, body: body ? body.slice(0, Math.ceil(body.length / 2)) : '{"data": [' })
      return
    case 'reset-mid-body': {
      const half = body ? body.slice(0, Math.ceil(body.length / 2)) : '{"data'
      record.status = answer.status
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(half) * 2 + 1) })
      res.write(half)
      later(5, () => res.socket?.destroy())
      return
    }
    default: {
      // slow-body: the whole answer, in eight pieces spread over slowBodyMs.
      record.status = answer.status
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) })
      // Sliced as bytes, so a character split in two still adds up to the announced length.
      const bytes = Buffer.from(body)
      const pieces = Math.max(1, Math.min(8, bytes.length))
      for (let piece = 0; piece < pieces; piece++) {
        // Even shares, so the last byte is the one that comes at slowBodyMs.
        const chunk = bytes.subarray(
          Math.floor((piece * bytes.length) / pieces),
          Math.floor(((piece + 1) * bytes.length) / pieces),
        )
        later(((piece + 1) * plan.slowBodyMs) / pieces, () => {
          if (res.destroyed) return
          if (piece === pieces - 1) res.end(chunk)
          else res.write(chunk)
        })
      }
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}
