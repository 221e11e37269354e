import { describe, expect, it } from 'vitest'
import { createMessenger, hasCapability, type Messenger, type MessengerOptions, PROVIDERS } from '../../src/index.js'
import { CANARY, FROM, messengerFor } from '../support/fixtures.js'

describe('createMessenger', () => {
  it('makes a messenger for each provider, with its capabilities at runtime', () => {
    expect(PROVIDERS).toEqual(['quo', 'signalwire', 'textus'])
    const quo = messengerFor('quo', 'https://x.test')
    const signalwire = messengerFor('signalwire', 'https://x.test')
    const textus = messengerFor('textus', 'https://x.test')
    expect(quo.capabilities).toEqual({ send: true, broadcast: true, group: true, media: false, get: true, list: true })
    expect(signalwire.capabilities).toEqual({
      send: true,
      broadcast: true,
      group: false,
      media: true,
      get: false,
      list: false,
    })
    expect(textus.capabilities).toEqual({
      send: true,
      broadcast: true,
      group: false,
      media: true,
      get: false,
      list: false,
    })
    expect([quo.provider, signalwire.provider, textus.provider]).toEqual(['quo', 'signalwire', 'textus'])
  })

  it('has get and list only where the provider can', () => {
    const messengers = PROVIDERS.map((p) => messengerFor(p, 'https://x.test'))
    for (const sms of messengers) {
      expect('get' in sms, sms.provider).toBe(sms.capabilities.get)
      expect('list' in sms, sms.provider).toBe(sms.capabilities.list)
      expect(hasCapability(sms, 'list'), sms.provider).toBe(sms.capabilities.list)
    }
  })

  it('uses a SignalWire space as the host', async () => {
    const urls: string[] = []
    const fetch = async (request: Request) => {
      urls.push(request.url)
      return new Response('{}', { status: 500 })
    }
    const sms = createMessenger({
      provider: 'signalwire',
      space: 'example',
      projectId: 'p',
      apiToken: 't',
      from: FROM,
      fetch,
    })
    await sms.send({ to: '+15555550123', text: 'x' }).catch(() => undefined)
    expect(urls).toEqual(['https://example.signalwire.com/api/messaging/messages'])
  })

  const bad: [string, unknown, RegExp][] = [
    ['no options', undefined, /expected an options object with a provider/],
    ['no provider', { apiKey: 'k' }, /option "provider" is required; use one of 'quo', 'signalwire', 'textus'/],
    ['an unknown provider', { provider: 'twilio' }, /unknown provider "twilio"/],
    ['a missing key', { provider: 'quo', from: FROM }, /createMessenger \(quo\): option "apiKey" is required/],
    ['a missing sender', { provider: 'quo', apiKey: CANARY.quo }, /option "from" is required/],
    ['a malformed sender', { provider: 'quo', apiKey: CANARY.quo, from: '555' }, /option "from" is required/],
    [
      'an option of another provider',
      { provider: 'quo', apiKey: CANARY.quo, from: FROM, token: CANARY.textus },
      /unknown option "token"/,
    ],
    ['a misspelt option', { provider: 'textus', token: CANARY.textus, acount: 'a' }, /unknown option "acount"/],
    ['a missing account', { provider: 'textus', token: CANARY.textus }, /option "account" is required/],
    [
      'a malformed base URL',
      { provider: 'textus', token: CANARY.textus, account: 'a', baseUrl: 'next.textus.com' },
      /absolute http\(s\) URL/,
    ],
    [
      'a SignalWire space and a base URL',
      {
        provider: 'signalwire',
        projectId: 'p',
        apiToken: CANARY.signalwire,
        from: FROM,
        space: 'x',
        baseUrl: 'https://x.test',
      },
      /either "space" or "baseUrl"/,
    ],
    [
      'a bad timeout',
      { provider: 'quo', apiKey: CANARY.quo, from: FROM, timeoutMs: 0 },
      /"timeoutMs" must be a number/,
    ],
    [
      'bad retry settings',
      { provider: 'quo', apiKey: CANARY.quo, from: FROM, retry: { retries: 1.5 } },
      /retry.retries must be a whole number/,
    ],
    [
      'an unknown retry setting',
      { provider: 'quo', apiKey: CANARY.quo, from: FROM, retry: { tries: 3 } },
      /unknown retry option "tries"/,
    ],
    [
      'an onRetry that is not a function',
      { provider: 'quo', apiKey: CANARY.quo, from: FROM, onRetry: 'log' },
      /"onRetry" must be a function/,
    ],
  ]
  it.each(bad)('throws a clear TypeError for %s, without any credential in it', (_name, options, message) => {
    let thrown: unknown
    try {
      createMessenger(options as MessengerOptions)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect((thrown as Error).message).toMatch(message)
    for (const secret of Object.values(CANARY))
      expect(`${(thrown as Error).message}${(thrown as Error).stack}`).not.toContain(secret)
  })

  it('switches provider by configuration: the same send for each', async () => {
    const sent: string[] = []
    const fetch = async (request: Request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}`)
      return new Response(null, { status: 503 })
    }
    for (const provider of PROVIDERS) {
      const sms: Messenger = messengerFor(provider, 'https://x.test', { fetch, retry: { retries: 0 } })
      await sms.send({ to: '+15555550123', text: 'Hello' }).catch(() => undefined)
    }
    expect(sent).toEqual(['POST /v1/messages', 'POST /api/messaging/messages', 'POST /my_account/messages'])
  })
})

describe('the per-provider entries (textbridge/quo, …)', () => {
  it('create the same messenger without naming the provider, and refuse another one', async () => {
    const { createQuoMessenger } = await import('../../src/quo.js')
    const { createSignalWireMessenger } = await import('../../src/signalwire.js')
    const { createTextUsMessenger } = await import('../../src/textus.js')
    const quo = createQuoMessenger({ apiKey: CANARY.quo, from: FROM })
    expect(quo.provider).toBe('quo')
    expect(quo.capabilities.list).toBe(true)
    expect(createSignalWireMessenger({ space: 'x', projectId: 'p', apiToken: 't', from: FROM }).provider).toBe(
      'signalwire',
    )
    expect(createTextUsMessenger({ token: 't', account: 'a', provider: 'textus' }).provider).toBe('textus')
    expect(() => createQuoMessenger({ apiKey: CANARY.quo, from: FROM, provider: 'textus' } as never)).toThrow(
      /option "provider" must be 'quo' here/,
    )
  })

  it('share one error hierarchy with the main entry', async () => {
    const main = await import('../../src/index.js')
    const quo = await import('../../src/quo.js')
    expect(quo.ValidationError).toBe(main.ValidationError)
    expect(quo.TextbridgeError).toBe(main.TextbridgeError)
  })
})
