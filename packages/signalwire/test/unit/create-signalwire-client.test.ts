import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { thrownMessage } from '../../../provider-kit/test/thrown.js'
import {
  createSignalWireClient,
  type SignalWireClientOptions,
  signalWireClientSettings,
  signalWireSpaceUrl,
} from '../../src/index.js'

const TOKEN = 'signalwire-token-canary'

function recordingFetch() {
  const requests: Request[] = []
  const fetch = async (request: Request) => {
    requests.push(request)
    return new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } })
  }
  return { fetch, requests }
}
const body = { from: '+15555550100', to: '+15555550123', body: 'hi' }

const bad: [string, unknown, RegExp][] = [
  [
    'neither space nor baseUrl',
    { projectId: 'p', apiToken: TOKEN },
    /"space" \(your space's name\) or "baseUrl" is required/,
  ],
  [
    'both space and baseUrl',
    { space: 'x', baseUrl: 'https://x.test', projectId: 'p', apiToken: TOKEN },
    /either "space" or "baseUrl", not both/,
  ],
  [
    'a full host name as the space',
    { space: 'example.signalwire.com', projectId: 'p', apiToken: TOKEN },
    /name of your space only/,
  ],
  ['a missing apiToken', { space: 'x', projectId: 'p' }, /option "apiToken" is required/],
  ['a missing projectId', { space: 'x', apiToken: TOKEN }, /option "projectId" is required/],
  ['a projectId with a colon', { space: 'x', projectId: 'a:b', apiToken: TOKEN }, /must not contain ":"/],
  ['a malformed baseUrl', { baseUrl: 'http//nope', projectId: 'p', apiToken: TOKEN }, /absolute http\(s\) URL/],
  ['an unknown option', { space: 'x', projectId: 'p', apiToken: TOKEN, token: TOKEN }, /unknown option "token"/],
]

describe('createSignalWireClient', () => {
  it("sends requests to the space's own host with Basic auth", async () => {
    const { fetch, requests } = recordingFetch()
    const sw = createSignalWireClient({ space: 'Example-Co', projectId: 'p-1', apiToken: TOKEN, fetch })
    await sw.POST('/api/messaging/messages', { body })
    expect(requests[0]?.url).toBe('https://example-co.signalwire.com/api/messaging/messages')
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa(`p-1:${TOKEN}`)}`)
  })

  it('encodes non-ASCII credentials as UTF-8', async () => {
    const { fetch, requests } = recordingFetch()
    const sw = createSignalWireClient({ space: 'x', projectId: 'projé', apiToken: 'tøken', fetch })
    await sw.POST('/api/messaging/messages', { body })
    const encoded = requests[0]?.headers.get('authorization')?.slice('Basic '.length) ?? ''
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0))
    expect(new TextDecoder().decode(bytes)).toBe('projé:tøken')
  })

  it('uses a base URL instead of a space, e.g. for a mock', async () => {
    const { fetch, requests } = recordingFetch()
    const sw = createSignalWireClient({ baseUrl: 'http://127.0.0.1:4010', projectId: 'p', apiToken: TOKEN, fetch })
    await sw.POST('/api/messaging/messages', { body })
    expect(requests[0]?.url).toBe('http://127.0.0.1:4010/api/messaging/messages')
  })

  it('builds the URL of a space', () => {
    expect(signalWireSpaceUrl('example')).toBe('https://example.signalwire.com')
  })

  it.each(bad)('throws a clear TypeError at creation for %s, without the token in it', (_name, options, message) => {
    let thrown: unknown
    try {
      createSignalWireClient(options as SignalWireClientOptions)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect((thrown as Error).message).toMatch(message)
    expect(`${(thrown as Error).message}\n${(thrown as Error).stack}`).not.toContain(TOKEN)
  })

  it('keeps the credentials out of the inspected client', () => {
    const sw = createSignalWireClient({ space: 'x', projectId: 'p', apiToken: TOKEN })
    const shown = inspect(sw, { depth: 5, showHidden: true })
    expect(shown).not.toContain(TOKEN)
    expect(shown).not.toContain(btoa(`p:${TOKEN}`))
  })
})

describe('signalWireClientSettings', () => {
  it("is what a SignalWire client sends every request with: the space's URL and Basic auth", () => {
    expect(signalWireClientSettings({ space: 'Example', projectId: 'p', apiToken: TOKEN })).toEqual({
      baseUrl: 'https://example.signalwire.com',
      headers: { Authorization: `Basic ${btoa(`p:${TOKEN}`)}` },
    })
  })

  it.each(bad)('refuses %s with the message createSignalWireClient throws', (_name, options) => {
    const message = thrownMessage(() => signalWireClientSettings(options as SignalWireClientOptions))
    expect(message).toBe(thrownMessage(() => createSignalWireClient(options as SignalWireClientOptions)))
    expect(message).not.toBe('no error')
  })
})
