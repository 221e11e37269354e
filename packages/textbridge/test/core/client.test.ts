// The facade's own client against openapi-fetch, which the provider packages' clients are: for
// each call the adapters make, the same Request goes to fetch, and the same answer comes back.
import { type paths as QuoPaths, quoClientSettings } from '@textbridge/quo'
import { type paths as SignalWirePaths, signalWireClientSettings } from '@textbridge/signalwire'
import { createTextUsClient, textUsClientSettings } from '@textbridge/textus'
import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import type { ClientAnswer } from '../../src/core/call.js'
import { type ClientInit, createCallClient } from '../../src/core/client.js'

interface Seen {
  method: string
  url: string
  headers: [string, string][]
  body: string
  redirect: string
}

/** A fetch that records the request and answers with `answer`. */
function recorder(answer: () => Response) {
  const seen: Seen[] = []
  const fetch = async (request: Request) => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: request.body === null ? '' : await request.text(),
      redirect: request.redirect,
    })
    return answer()
  }
  return { seen, fetch }
}

type Call = (init: ClientInit) => Promise<ClientAnswer>

/** Makes the same call with both clients; resolves with what each sent and answered. */
async function both(ours: Call, theirs: Call, params: ClientInit['params'], body: unknown, answer: () => Response) {
  const results = []
  for (const call of [ours, theirs]) {
    const { seen, fetch } = recorder(answer)
    const init: ClientInit = {
      fetch,
      signal: new AbortController().signal,
      parseAs: 'stream',
      bodySerializer: (value) => JSON.stringify(value),
      ...(params ? { params } : {}),
      ...(body === undefined ? {} : { body }),
    }
    const { data, error, response } = await call(init)
    results.push({
      seen,
      status: response.status,
      data: data instanceof ReadableStream ? 'a stream' : data,
      error,
    })
  }
  return results
}

const json = (status: number, value: unknown) => () =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

const quo = quoClientSettings({ apiKey: 'key-123', baseUrl: 'https://quo.test/', headers: { 'X-Trace': 't-1' } })
const quoOurs = createCallClient(quo)
const quoTheirs = createClient<QuoPaths>(quo)

describe('the facade client builds and reads requests as openapi-fetch does', () => {
  it("sends a JSON body with the provider's headers and auth (Quo's send)", async () => {
    const [ours, theirs] = await both(
      (init) => quoOurs.POST('/v1/messages', init),
      (init) => quoTheirs.POST('/v1/messages', init as never) as Promise<ClientAnswer>,
      undefined,
      { from: '+15555550100', to: ['+15555550123'], content: 'Hi “there” ✓' },
      json(202, { data: { id: 'AC1' } }),
    )
    expect(ours).toEqual(theirs)
    expect(ours?.seen[0]?.url).toBe('https://quo.test/v1/messages')
  })

  it('serializes path parameters and a query with lists, numbers and reserved characters (Quo get and list)', async () => {
    const query = {
      phoneNumberId: 'PN1',
      participants: ['+15555550123', '+1 555/555?0124&x=y'],
      maxResults: 10,
      createdAfter: '2026-01-01T00:00:00.000Z',
      userId: undefined,
      pageToken: 'a b+c/d',
    }
    const list = await both(
      (init) => quoOurs.GET('/v1/messages', init),
      (init) => quoTheirs.GET('/v1/messages', init as never) as Promise<ClientAnswer>,
      { query },
      undefined,
      json(200, { data: [] }),
    )
    expect(list[0]).toEqual(list[1])
    const get = await both(
      (init) => quoOurs.GET('/v1/messages/{id}', init),
      (init) => quoTheirs.GET('/v1/messages/{id}', init as never) as Promise<ClientAnswer>,
      { path: { id: 'AC 1/#?' } },
      undefined,
      json(200, { data: { id: 'AC1' } }),
    )
    expect(get[0]).toEqual(get[1])
    expect(get[0]?.seen[0]?.url).toBe('https://quo.test/v1/messages/AC%201%2F%23%3F')
  })

  it("fills TextUs's account and keeps its own media type as Content-Type", async () => {
    const options = { token: 'tok-1', account: 'my account', baseUrl: 'https://textus.test' }
    const { account, ...settings } = textUsClientSettings(options)
    const ours = createCallClient(settings, { account })
    const theirs = createTextUsClient(options)
    const [a, b] = await both(
      (init) => ours.POST('/{account}/messages', init),
      (init) => theirs.POST('/{account}/messages', init as never) as Promise<ClientAnswer>,
      undefined,
      { to: '+13035551234', body: 'Hello' },
      json(201, { id: '/messages/1' }),
    )
    expect(a).toEqual(b)
    expect(a?.seen[0]?.headers).toContainEqual(['content-type', 'application/vnd.textus+jsonld'])
  })

  it.each([
    ['a JSON error body', json(400, { title: 'Bad', errors: [{ path: 'to' }] })],
    ['an error body that is not JSON', () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['an empty error body', () => new Response(null, { status: 500, headers: { 'content-length': '0' } })],
    ['a 204', () => new Response(null, { status: 204 })],
    ['an empty success', () => new Response(null, { status: 200, headers: { 'content-length': '0' } })],
  ])('reads %s the same way (SignalWire send)', async (_, answer) => {
    const settings = signalWireClientSettings({ space: 'example', projectId: 'p', apiToken: 't' })
    const ours = createCallClient(settings)
    const theirs = createClient<SignalWirePaths>(settings)
    const [a, b] = await both(
      (init) => ours.POST('/api/messaging/messages', init),
      (init) => theirs.POST('/api/messaging/messages', init as never) as Promise<ClientAnswer>,
      undefined,
      { from: '+15555550100', to: '+15555550123', body: 'Hi' },
      answer,
    )
    expect(a).toEqual(b)
  })
})
