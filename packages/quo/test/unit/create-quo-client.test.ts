import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { thrownMessage } from '../../../provider-kit/test/thrown.js'
import { createQuoClient, QUO_BASE_URL, type QuoClientOptions, quoClientSettings } from '../../src/index.js'

const SECRET = 'quo-secret-key-canary'

function recordingFetch() {
  const requests: Request[] = []
  const fetch = async (request: Request) => {
    requests.push(request)
    return new Response(JSON.stringify({ data: { id: 'AC1' } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, requests }
}

const bad: [string, unknown, RegExp][] = [
  ['no options', undefined, /expected an options object/],
  ['a missing apiKey', {}, /option "apiKey" is required/],
  ['an empty apiKey', { apiKey: '  ' }, /"apiKey" must not be empty/],
  ['an apiKey with a line break', { apiKey: 'a\r\nX-Evil: 1' }, /must not contain line breaks/],
  ['a relative baseUrl', { apiKey: SECRET, baseUrl: 'api.quo.com' }, /absolute http\(s\) URL/],
  ['a baseUrl with another scheme', { apiKey: SECRET, baseUrl: 'ftp://api.quo.com' }, /must use http or https/],
  [
    'a baseUrl carrying credentials',
    { apiKey: SECRET, baseUrl: `https://u:${SECRET}@api.quo.com` },
    /must not carry credentials/,
  ],
  ['a misspelt option', { apiKey: SECRET, baseURL: 'https://x.test' }, /unknown option "baseURL"/],
  ['a fetch that is not a function', { apiKey: SECRET, fetch: 'nope' }, /"fetch" must be a function/],
  [
    'an Authorization header in headers',
    { apiKey: SECRET, headers: { authorization: 'x' } },
    /set credentials through the factory/,
  ],
]

describe('createQuoClient', () => {
  it("sends requests to Quo's production API by default, with the key as Authorization", async () => {
    const { fetch, requests } = recordingFetch()
    const quo = createQuoClient({ apiKey: SECRET, fetch })
    await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC1' } } })
    expect(QUO_BASE_URL).toBe('https://api.quo.com')
    expect(requests[0]?.url).toBe('https://api.quo.com/v1/messages/AC1')
    expect(requests[0]?.headers.get('authorization')).toBe(SECRET)
  })

  it('uses the given base URL, without doubling a trailing slash', async () => {
    const { fetch, requests } = recordingFetch()
    const quo = createQuoClient({ apiKey: SECRET, baseUrl: 'http://127.0.0.1:4010/', fetch })
    await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC1' } } })
    expect(requests[0]?.url).toBe('http://127.0.0.1:4010/v1/messages/AC1')
  })

  it('adds the extra headers to every request', async () => {
    const { fetch, requests } = recordingFetch()
    const quo = createQuoClient({ apiKey: SECRET, fetch, headers: { 'X-Trace': 'abc' } })
    await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC1' } } })
    expect(requests[0]?.headers.get('x-trace')).toBe('abc')
  })

  it.each(bad)('throws a clear TypeError at creation for %s, without the key in it', (_name, options, message) => {
    let thrown: unknown
    try {
      createQuoClient(options as QuoClientOptions)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect((thrown as Error).message).toMatch(message)
    expect((thrown as Error).message).toMatch(/^createQuoClient: /)
    expect(`${(thrown as Error).message}\n${(thrown as Error).stack}`).not.toContain(SECRET)
  })

  it('keeps the key out of the inspected client', () => {
    const quo = createQuoClient({ apiKey: SECRET })
    expect(inspect(quo, { depth: 5, showHidden: true })).not.toContain(SECRET)
  })
})

describe('quoClientSettings', () => {
  it('is what a Quo client sends every request with: the base URL, the headers and the key', () => {
    const fetch = async () => new Response(null)
    expect(quoClientSettings({ apiKey: SECRET })).toEqual({ baseUrl: QUO_BASE_URL, headers: { Authorization: SECRET } })
    expect(
      quoClientSettings({ apiKey: SECRET, baseUrl: 'http://127.0.0.1:4010/', headers: { 'X-Trace': 'a' }, fetch }),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      headers: { 'X-Trace': 'a', Authorization: SECRET },
      fetch,
    })
  })

  it.each(bad)('refuses %s with the message createQuoClient throws', (_name, options) => {
    const message = thrownMessage(() => quoClientSettings(options as QuoClientOptions))
    expect(message).toBe(thrownMessage(() => createQuoClient(options as QuoClientOptions)))
    expect(message).not.toBe('no error')
  })
})
