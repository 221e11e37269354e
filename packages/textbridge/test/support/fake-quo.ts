// A Quo that remembers: sends are stored, list and get answer from the store, the way the
// real API behaves (Prism answers examples and cannot). Shaped as Quo's spec says.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RawMessages } from '../../src/index.js'

/** A message as Quo's spec types it (the fake stores exactly that). */
export type StoredMessage = RawMessages['quo']

export interface FakeQuo {
  url: string
  /** Every message, in the order it was stored (a send it accepted, or one seeded). */
  messages: StoredMessage[]
  /** Adds a message as if it had been sent or received earlier. */
  seed(message: Partial<StoredMessage> & { to: string[]; text: string }): StoredMessage
  close(): Promise<void>
}

export async function fakeQuo(): Promise<FakeQuo> {
  const messages: StoredMessage[] = []
  const store = (message: Partial<StoredMessage> & { to: string[]; text: string }) => {
    const now = new Date().toISOString()
    const stored: StoredMessage = {
      id: `AC${messages.length}`,
      from: '+15555550100',
      phoneNumberId: 'PN123abc',
      conversationId: 'CN1',
      direction: 'outgoing',
      userId: 'US1',
      status: 'queued',
      createdAt: now,
      updatedAt: now,
      ...message,
    }
    messages.push(stored)
    return stored
  }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = new URL(req.url ?? '/', 'http://quo')
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body)
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
      res.end(text)
    }
    if (req.method === 'POST' && url.pathname === '/v1/messages') {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { to: string[]; content: string; from: string }
      return reply(202, { data: store({ to: body.to, text: body.content, from: body.from }) })
    }
    if (req.method === 'GET' && url.pathname === '/v1/messages') {
      const participants = url.searchParams.getAll('participants')
      const after = url.searchParams.get('createdAfter')
      const size = Number(url.searchParams.get('maxResults') ?? 10)
      const offset = Number(url.searchParams.get('pageToken') ?? 0)
      const matching = messages.filter(
        (m) =>
          m.to.length === participants.length &&
          participants.every((p) => m.to.includes(p)) &&
          (!after || m.createdAt >= new Date(after).toISOString()),
      )
      const next = offset + size < matching.length ? String(offset + size) : null
      return reply(200, {
        data: matching.slice(offset, offset + size),
        totalItems: matching.length,
        nextPageToken: next,
      })
    }
    const got = /^\/v1\/messages\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'GET' && got) {
      const message = messages.find((m) => m.id === decodeURIComponent(got[1] as string))
      return message
        ? reply(200, { data: message })
        : reply(404, {
            message: 'Not Found',
            code: '0200404',
            status: 404,
            docs: 'https://quo.com/docs',
            title: 'Not Found',
          })
    }
    reply(404, { message: 'no such route' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    seed: store,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
