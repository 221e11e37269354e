import { afterEach, describe, expect, it } from 'vitest'
import { type Message, ProviderError, type QuoMessenger, ValidationError } from '../../src/index.js'
import { messengerFor, RAW_MESSAGE, TO } from '../support/fixtures.js'
import { json, type ScriptedServer, scriptedServer } from '../support/scripted-server.js'

const servers: ScriptedServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** A Quo list endpoint over `total` messages, `nextPageToken` being the next offset. */
async function pagedQuo(total: number) {
  const server = await scriptedServer((req, _index, res) => {
    const url = new URL(req.url, 'http://x')
    const size = Number(url.searchParams.get('maxResults'))
    const offset = Number(url.searchParams.get('pageToken') ?? 0)
    const data = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => ({
      ...RAW_MESSAGE.quo,
      id: `AC${offset + i}`,
    }))
    const next = offset + size < total ? String(offset + size) : null
    json(res, 200, { data, totalItems: total, nextPageToken: next })
  })
  servers.push(server)
  return server
}

async function collect(iterable: AsyncIterable<Message>) {
  const messages: Message[] = []
  for await (const message of iterable) messages.push(message)
  return messages
}

describe('list', () => {
  it('reads every page, following nextPageToken until it is null', async () => {
    const server = await pagedQuo(23)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    const messages = await collect(sms.list({ participants: [TO] }, { maxResults: 10 }))
    expect(messages.map((m) => m.id)).toEqual(Array.from({ length: 23 }, (_, i) => `AC${i}`))
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('pageToken'))).toEqual([
      null,
      '10',
      '20',
    ])
    const first = new URL(server.requests[0]?.url ?? '', 'http://x').searchParams
    expect(first.get('maxResults')).toBe('10')
    expect(first.get('phoneNumberId')).toBe('PN123abc')
    expect(first.getAll('participants')).toEqual([TO])
  })

  it('stops at the overall limit without asking for more pages', async () => {
    const server = await pagedQuo(100)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    const messages = await collect(sms.list({ participants: [TO] }, { maxResults: 5, limit: 12 }))
    expect(messages).toHaveLength(12)
    expect(server.requests).toHaveLength(3)
  })

  it('stops cleanly on break: no request after it', async () => {
    const server = await pagedQuo(100)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    let seen = 0
    for await (const _ of sms.list({ participants: [TO] }, { maxResults: 10 })) {
      if (++seen === 15) break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toBe(15)
    expect(server.requests).toHaveLength(2)
  })

  it('passes dates, the user and several participants (a group conversation)', async () => {
    const server = await pagedQuo(0)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    await collect(
      sms.list({
        participants: [TO, '+15555550124'],
        userId: 'US1',
        createdAfter: new Date('2026-01-01T00:00:00Z'),
        createdBefore: '2026-02-01T00:00:00Z',
      }),
    )
    const query = new URL(server.requests[0]?.url ?? '', 'http://x').searchParams
    expect(query.getAll('participants')).toEqual([TO, '+15555550124'])
    expect(query.get('createdAfter')).toBe('2026-01-01T00:00:00.000Z')
    expect(query.get('createdBefore')).toBe('2026-02-01T00:00:00Z')
    expect(query.get('userId')).toBe('US1')
  })

  it('stops with a ProviderError when the provider hands back a page token it gave before', async () => {
    const server = await scriptedServer((_req, _index, res) =>
      json(res, 200, { data: [RAW_MESSAGE.quo], totalItems: 9, nextPageToken: 'same' }),
    )
    servers.push(server)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    const error = await collect(sms.list({ participants: [TO] })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as Error).message).toMatch(/page token "same" a second time/)
    expect(server.requests).toHaveLength(2)
  })

  it('rejects a bad query before any request', async () => {
    const server = await pagedQuo(5)
    const sms = messengerFor('quo', server.url, { phoneNumberId: undefined }) as QuoMessenger
    const error = await collect(
      sms.list({ participants: ['5550123', ...Array(10).fill(TO)] } as never, { maxResults: 101, limit: 0 }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'options.maxResults range',
      'options.limit range',
      'participants max-items',
      'participants[0] e164',
      'phoneNumberId required',
    ])
    expect(server.requests).toHaveLength(0)
  })

  it('takes the phone number id from a PN… sender', async () => {
    const server = await pagedQuo(1)
    const sms = messengerFor('quo', server.url, { from: 'PN777', phoneNumberId: undefined }) as QuoMessenger
    await collect(sms.list({ participants: [TO] }))
    expect(new URL(server.requests[0]?.url ?? '', 'http://x').searchParams.get('phoneNumberId')).toBe('PN777')
  })

  it("ends with the caller's abort reason when aborted between pages", async () => {
    const server = await pagedQuo(100)
    const sms = messengerFor('quo', server.url) as QuoMessenger
    const controller = new AbortController()
    let seen = 0
    const run = async () => {
      for await (const _ of sms.list({ participants: [TO] }, { maxResults: 10, signal: controller.signal })) {
        if (++seen === 10) controller.abort(new Error('enough'))
      }
    }
    await expect(run()).rejects.toThrow('enough')
    expect(server.requests).toHaveLength(1)
  })
})
