// A node:http server on 127.0.0.1 that answers each request as a script says, and records
// what it received: the retry and pagination rules are tested by counting these.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** Answers request number `index` (from 0). */
export type Script = (request: Received, index: number, res: ServerResponse) => void | Promise<void>

export interface ScriptedServer {
  url: string
  requests: Received[]
  close(): Promise<void>
}

export async function scriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: Received[] = []
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const received = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    }
    requests.push(received)
    await script(received, requests.length - 1, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** Drops the connection without an answer (after the request was received). */
export function reset(res: ServerResponse): void {
  res.socket?.destroy()
}

/** Sends the status and half a body, then drops the connection. */
export function resetMidBody(res: ServerResponse, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': '1000' })
  res.write('{"data": [')
  setTimeout(() => res.socket?.destroy(), 5)
}

/** Never answers. */
export function hang(): void {}

/** A port nothing listens on: a connection is refused before any request is written. */
export async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}
