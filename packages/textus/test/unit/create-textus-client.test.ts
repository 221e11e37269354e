import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { thrownMessage } from '../../../provider-kit/test/thrown.js'
import {
  createTextUsClient,
  TEXTUS_BASE_URL,
  TEXTUS_MEDIA_TYPE,
  type TextUsClientOptions,
  textUsClientSettings,
} from '../../src/index.js'

const TOKEN = 'textus-token-canary'

function recordingFetch() {
  const requests: Request[] = []
  const fetch = async (request: Request) => {
    requests.push(request)
    return new Response(null, { status: 202 })
  }
  return { fetch, requests }
}
const body = { to: '+13035551234', body: 'hi' }

const bad: [string, unknown, RegExp][] = [
  ['a missing token', { account: 'a' }, /option "token" is required/],
  ['a missing account', { token: TOKEN }, /option "account" is required/],
  ['an empty account', { token: TOKEN, account: '' }, /"account" must not be empty/],
  ['a malformed baseUrl', { token: TOKEN, account: 'a', baseUrl: 'not a url' }, /absolute http\(s\) URL/],
  ['an unknown option', { token: TOKEN, account: 'a', apiKey: TOKEN }, /unknown option "apiKey"/],
]

describe('createTextUsClient', () => {
  it('sends to TextUs Next by default, for the configured account, with Bearer auth', async () => {
    const { fetch, requests } = recordingFetch()
    const textus = createTextUsClient({ token: TOKEN, account: 'my_account', fetch })
    const { data, response } = await textus.POST('/{account}/messages', { body })
    expect(TEXTUS_BASE_URL).toBe('https://next.textus.com')
    expect(requests[0]?.url).toBe('https://next.textus.com/my_account/messages')
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`)
    expect(requests[0]?.headers.get('accept')).toBe(TEXTUS_MEDIA_TYPE)
    expect(requests[0]?.headers.get('content-type')).toBe(TEXTUS_MEDIA_TYPE)
    expect(response.status).toBe(202)
    expect(data).toBeUndefined()
  })

  it('encodes an account slug with special characters', async () => {
    const { fetch, requests } = recordingFetch()
    const textus = createTextUsClient({ token: TOKEN, account: 'a/b c', fetch })
    await textus.POST('/{account}/messages', { body })
    expect(requests[0]?.url).toBe('https://next.textus.com/a%2Fb%20c/messages')
  })

  it.each(bad)('throws a clear TypeError at creation for %s, without the token in it', (_name, options, message) => {
    let thrown: unknown
    try {
      createTextUsClient(options as TextUsClientOptions)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect((thrown as Error).message).toMatch(message)
    expect(`${(thrown as Error).message}\n${(thrown as Error).stack}`).not.toContain(TOKEN)
  })

  it('keeps the token out of the inspected client', () => {
    const textus = createTextUsClient({ token: TOKEN, account: 'a' })
    expect(inspect(textus, { depth: 5, showHidden: true })).not.toContain(TOKEN)
  })
})

describe('textUsClientSettings', () => {
  it('is what a TextUs client sends every request with, and the account it fills in', () => {
    expect(textUsClientSettings({ token: TOKEN, account: 'my_account', headers: { 'X-Trace': 'a' } })).toEqual({
      baseUrl: TEXTUS_BASE_URL,
      headers: {
        Accept: TEXTUS_MEDIA_TYPE,
        'Content-Type': TEXTUS_MEDIA_TYPE,
        'X-Trace': 'a',
        Authorization: `Bearer ${TOKEN}`,
      },
      account: 'my_account',
    })
  })

  it.each(bad)('refuses %s with the message createTextUsClient throws', (_name, options) => {
    const message = thrownMessage(() => textUsClientSettings(options as TextUsClientOptions))
    expect(message).toBe(thrownMessage(() => createTextUsClient(options as TextUsClientOptions)))
    expect(message).not.toBe('no error')
  })
})
