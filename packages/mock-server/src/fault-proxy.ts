import type { FaultOptions } from './faults.js'
import { type Answer, type MockServer, problem, serve } from './serve.js'
import { violationsOf } from './violations.js'

export interface FaultProxyOptions {
  /** The server to forward to, e.g. a mock's or your own fake's URL. */
  target: string
  /** Which faults to inject, and how often. */
  faults?: FaultOptions
  /** @default '127.0.0.1' */
  host?: string
  /** @default 0 (a free port) */
  port?: number
}

// Hop-by-hop headers, and those fetch recomputes (it also decodes the body it reads).
const DROPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding'])

/**
 * A proxy that injects faults in front of any server: every request goes to `target` unless a
 * fault answers first (a 429, a reset…), and a fault may spoil the answer that came back.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<MockServer> {
  const target = new URL(options.target)
  const answer = async (record: { method: string; url: string; headers: Record<string, string>; body: string }) => {
    const headers = Object.fromEntries(Object.entries(record.headers).filter(([name]) => !DROPPED.has(name)))
    let response: Response
    try {
      response = await fetch(new URL(record.url, target), {
        method: record.method,
        headers,
        body: record.method === 'GET' || record.method === 'HEAD' ? undefined : record.body,
        redirect: 'manual',
      })
    } catch (error) {
      return problem(502, 'Bad Gateway', `the target did not answer: ${(error as Error).message}`)
    }
    const text = await response.text()
    const kept: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      if (!DROPPED.has(name)) kept[name] = value
    })
    return {
      status: response.status,
      headers: kept,
      body: text === '' ? undefined : text,
      violations: violationsOf(response),
    } satisfies Answer
  }
  return serve({ answer, host: options.host, port: options.port, faults: options.faults })
}
