import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSpecValidator, type StatefulMockServer, startMock, violationsOf } from '../../src/index.js'

const spec = loadSpecValidator({ provider: 'quo' })
const HEADERS = { authorization: 'key', 'content-type': 'application/json' }
const FROM = 'PN1aaaaaaa'
let mock: StatefulMockServer

beforeAll(async () => {
  mock = await startMock({ provider: 'quo', stateful: true })
})
afterAll(() => mock.close())

async function send(to: string[], content: string) {
  const response = await fetch(`${mock.url}/v1/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ from: FROM, to, content }),
  })
  return { response, body: (await response.json()) as { data: Record<string, unknown> } }
}

async function list(query: Record<string, string | string[]>) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    for (const item of [value].flat()) params.append(name, item)
  }
  const response = await fetch(`${mock.url}/v1/messages?${params}`, { headers: HEADERS })
  return { response, body: (await response.json()) as { data: { id: string }[]; nextPageToken: string | null } }
}

describe('a stateful Quo mock', () => {
  it('answers a send with the message sent: a new AC… id, its text, queued, in the spec’s shape', async () => {
    const { response, body } = await send(['+15555550123'], 'Your table is ready')
    expect(response.status).toBe(202)
    expect(violationsOf(response)).toEqual([])
    expect(body.data).toMatchObject({
      to: ['+15555550123'],
      from: FROM,
      text: 'Your table is ready',
      phoneNumberId: FROM,
      direction: 'outgoing',
      status: 'queued',
    })
    expect(body.data.id).toMatch(/^AC[A-Za-z0-9]{32}$/)
    expect(spec.validateResponse('sendMessage_v1', 202, body)).toEqual([])
    const again = await send(['+15555550123'], 'Second')
    expect(again.body.data.id).not.toBe(body.data.id)
    expect(again.body.data.conversationId).toBe(body.data.conversationId)
  })

  it('get returns a stored message as sent, and 404 in the spec’s error shape for an unknown id', async () => {
    const { body: sent } = await send(['+15555550124'], 'Get me')
    const found = await fetch(`${mock.url}/v1/messages/${sent.data.id}`, { headers: HEADERS })
    const body = await found.json()
    expect(found.status).toBe(200)
    expect(body).toEqual({ data: sent.data })
    expect(spec.validateResponse('getMessageById_v1', 200, body)).toEqual([])
    const missing = await fetch(`${mock.url}/v1/messages/ACnothere`, { headers: HEADERS })
    const error = await missing.json()
    expect(missing.status).toBe(404)
    expect(error.message).toContain('ACnothere')
    expect(spec.validateResponse('getMessageById_v1', 404, error)).toEqual([])
  })

  it('list pages through one conversation, newest first, and the pages end', async () => {
    const to = ['+15555550130']
    const ids: string[] = []
    for (const text of ['one', 'two', 'three', 'four', 'five']) ids.push(String((await send(to, text)).body.data.id))
    await send(['+15555550131'], 'another conversation')
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const { response, body } = await list({
        phoneNumberId: FROM,
        participants: to,
        maxResults: '2',
        ...(token ? { pageToken: token } : {}),
      })
      expect(response.status).toBe(200)
      expect(spec.validateResponse('listMessages_v1', 200, body)).toEqual([])
      seen.push(...body.data.map((message) => message.id))
      token = body.nextPageToken ?? undefined
      pages++
    } while (token && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toEqual([...ids].reverse())
  })

  it('list filters by phoneNumberId, the exact set of participants, and createdAfter', async () => {
    const { body: group } = await send(['+15555550141', '+15555550140'], 'group')
    const byGroup = await list({
      phoneNumberId: FROM,
      participants: ['+15555550140', '+15555550141'],
      maxResults: '10',
    })
    expect(byGroup.body.data.map((message) => message.id)).toEqual([group.data.id])
    expect((await list({ phoneNumberId: FROM, participants: '+15555550140', maxResults: '10' })).body.data).toEqual([])
    expect(
      (await list({ phoneNumberId: 'PNother', participants: '+15555550140', maxResults: '10' })).body.data,
    ).toEqual([])
    const later = await list({
      phoneNumberId: FROM,
      participants: ['+15555550140', '+15555550141'],
      maxResults: '10',
      createdAfter: new Date(Date.now() + 60_000).toISOString(),
    })
    expect(later.body.data).toEqual([])
  })

  it('refuses a page token it did not give out, with 400 in the spec’s shape', async () => {
    const { response, body } = await list({
      phoneNumberId: FROM,
      participants: '+15555550130',
      maxResults: '2',
      pageToken: 'string',
    })
    expect(response.status).toBe(400)
    expect(spec.validateResponse('listMessages_v1', 400, body)).toEqual([])
  })

  it('still validates every request: a send that breaks the contract answers as Prism does and stores nothing', async () => {
    const before = mock.messages.length
    const response = await fetch(`${mock.url}/v1/messages`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ from: FROM, to: [], content: '' }),
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(violationsOf(response).length).toBeGreaterThan(0)
    expect(mock.messages.length).toBe(before)
  })

  it('stores a send a fault spoilt after processing (the client saw 502), not one refused before it', async () => {
    const before = mock.messages.length
    mock.setFaults({ schedule: ['server-error', 'bad-gateway'] })
    try {
      for (const [content, status] of [
        ['refused', 500],
        ['lost answer', 502],
      ] as const) {
        const response = await fetch(`${mock.url}/v1/messages`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify({ from: FROM, to: ['+15555550160'], content }),
        })
        await response.text()
        expect(response.status).toBe(status)
      }
    } finally {
      mock.setFaults(undefined)
    }
    expect(mock.messages.slice(before).map((message) => message.text)).toEqual(['lost answer'])
  })

  it('keeps every message it answered in mock.messages, oldest first', () => {
    expect(mock.messages.length).toBeGreaterThan(5)
    expect(mock.messages[0]).toMatchObject({ direction: 'outbound', text: 'Your table is ready', status: 'queued' })
  })
})

describe('startMock stateful options', () => {
  it('refuses stateful without a known provider, and webhooks without stateful', async () => {
    await expect(
      startMock({ spec: new URL('../fixtures/tiny.yaml', import.meta.url), stateful: true }),
    ).rejects.toThrow(/stateful mocks play a known provider/)
    await expect(startMock({ provider: 'quo', webhooks: { url: 'http://127.0.0.1:9' } })).rejects.toThrow(
      /webhooks needs stateful: true/,
    )
    await expect(
      startMock({ provider: 'quo', stateful: true, webhooks: { url: 'http://127.0.0.1:9', secret: 'not base64!' } }),
    ).rejects.toThrow(/base64/)
  })
})
