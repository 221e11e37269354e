// preview(): what send or broadcast would do, with no request made.
import { describe, expect, it } from 'vitest'
import { createMessenger, type Messenger, PROVIDERS, type Provider, ValidationError } from '../../src/index.js'
import { CANARY, messengerFor, RAW_MESSAGE, sendAnswer, TO } from '../support/fixtures.js'

const OTHER = '+15555550124'

/** A messenger whose fetch records what it is asked to send (and would fail if called). */
function recorded(provider: Provider) {
  const requests: { method: string; url: string; body: unknown }[] = []
  const fetch = async (request: Request) => {
    requests.push({ method: request.method, url: request.url, body: JSON.parse(await request.text()) })
    return new Response(null, { status: 503 })
  }
  const sms = messengerFor(provider, 'https://provider.test', { fetch, retry: { retries: 0 } }) as Messenger
  return { sms, requests }
}

describe('preview()', () => {
  it.each(PROVIDERS)('%s: shows exactly the requests send would make, and makes none', async (provider) => {
    const { sms, requests } = recorded(provider)
    const dry = await sms.preview({ to: TO, text: 'Hello' })
    expect(requests).toHaveLength(0)
    expect(dry).toMatchObject({ ok: true, mode: 'send', problems: [] })
    await sms.send({ to: TO, text: 'Hello' }).catch(() => undefined)
    expect(dry.requests.map(({ method, url, body }) => ({ method, url, body }))).toEqual(requests)
  })

  it.each(PROVIDERS)('%s: a list of recipients previews the broadcast, request for request', async (provider) => {
    const { sms, requests } = recorded(provider)
    const dry = await sms.preview({ to: [TO, OTHER], text: 'Hello' })
    expect(dry.mode).toBe('broadcast')
    await sms.broadcast({ to: [TO, OTHER], text: 'Hello' })
    // The broadcast's requests go out concurrently: the same set, in any order.
    const shown = dry.requests.map(({ method, url, body }) => ({ method, url, body }))
    expect(shown).toHaveLength(requests.length)
    expect(shown).toEqual(expect.arrayContaining(requests))
    expect(dry.requests).toHaveLength(provider === 'textus' ? 1 : 2)
  })

  it('previews a Quo group send as one request to every recipient', async () => {
    const { sms } = recorded('quo')
    const dry = await sms.preview({ to: [TO, OTHER], text: 'Hello', delivery: 'group' } as never)
    expect(dry.mode).toBe('send')
    expect(dry.requests.map((r) => r.body)).toEqual([{ from: '+15555550100', content: 'Hello', to: [TO, OTHER] }])
  })

  it.each(PROVIDERS)('%s: lists every problem instead of throwing, and no request', async (provider) => {
    const { sms, requests } = recorded(provider)
    const dry = await sms.preview({ to: '555', text: '' } as never, { timeoutMs: -1 })
    expect(dry.ok).toBe(false)
    expect(dry.requests).toEqual([])
    expect(dry.problems.map((p) => `${p.path} ${p.rule}`)).toEqual(
      expect.arrayContaining(['to e164', 'options.timeoutMs type']),
    )
    const thrown = await sms.send({ to: '555', text: '' } as never, { timeoutMs: -1 }).catch((e: unknown) => e)
    expect((thrown as { problems: unknown }).problems).toEqual(dry.problems)
    expect(requests).toHaveLength(0)
  })

  it.each(PROVIDERS)('%s: never shows a credential, not even in a header of the caller', async (provider) => {
    const sms = messengerFor(provider, 'https://provider.test', { headers: { 'X-Trace': 'trace-1' } })
    const dry = await sms.preview({ to: TO, text: 'Hello' })
    const shown = JSON.stringify(dry)
    for (const secret of Object.values(CANARY)) expect(shown).not.toContain(secret)
    expect(shown).not.toContain(btoa(`project-1:${CANARY.signalwire}`))
    expect(dry.requests[0]?.headers).toMatchObject({ 'x-trace': 'trace-1' })
    expect(dry.requests[0]?.headers).not.toHaveProperty('authorization')
  })

  it('names the space in a SignalWire preview', async () => {
    const sms = createMessenger({
      provider: 'signalwire',
      space: 'example',
      projectId: 'p',
      apiToken: 'token-1',
      from: '+15555550100',
    })
    const dry = await sms.preview({ to: TO, text: 'x' })
    expect(dry.requests[0]?.url).toBe('https://example.signalwire.com/api/messaging/messages')
  })
})

describe('segments: what a text costs, before and after sending', () => {
  it.each(PROVIDERS)('%s: preview counts the text as countSegments does', async (provider) => {
    const sms = messengerFor(provider, 'https://provider.test')
    const dry = await sms.preview({ to: TO, text: `${'a'.repeat(150)} “quoted” 😜` })
    expect(dry.segments).toMatchObject({ encoding: 'UCS-2', segments: 3 })
    expect(dry.segments?.nonGsm.map((c) => c.char)).toEqual(['“', '”', '😜'])
  })

  it.each(PROVIDERS)(
    '%s: maxSegments refuses a longer text before any request, naming what forced UCS-2',
    async (provider) => {
      const { sms, requests } = recorded(provider)
      const text = `${'a'.repeat(100)} 😜`
      const error = await sms.send({ to: TO, text }, { maxSegments: 1 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      const problem = (error as ValidationError).problems.find((p) => p.rule === 'max-segments')
      expect(problem).toMatchObject({ path: 'text', value: text })
      expect(problem?.message).toMatch(
        /is 2 SMS segments \(UCS-2, 103 units\); at most 1 allowed; UCS-2 because of "😜" at 101/,
      )
      expect(requests).toHaveLength(0)
      expect((await sms.preview({ to: TO, text }, { maxSegments: 1 })).problems).toEqual([problem])
      await sms.send({ to: TO, text: 'a'.repeat(160) }, { maxSegments: 1 }).catch(() => undefined)
      expect(requests).toHaveLength(1)
    },
  )

  it('takes maxSegments from the messenger, a call overriding it, and checks both', async () => {
    const counted = { requests: 0 }
    const sms = messengerFor('signalwire', 'https://provider.test', {
      maxSegments: 1,
      fetch: async () => {
        counted.requests++
        return new Response(null, { status: 503 })
      },
      retry: { retries: 0 },
    })
    const long = 'a'.repeat(200)
    await expect(sms.broadcast({ to: [TO, OTHER], text: long })).rejects.toBeInstanceOf(ValidationError)
    await sms.send({ to: TO, text: long }, { maxSegments: 2 }).catch(() => undefined)
    expect(counted.requests).toBe(1)
    expect(() => messengerFor('quo', 'https://x.test', { maxSegments: 0 })).toThrow(
      /"maxSegments" must be a whole number/,
    )
    const bad = await sms.send({ to: TO, text: 'x' }, { maxSegments: 1.5 }).catch((e: unknown) => e)
    expect((bad as ValidationError).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['options.maxSegments type'])
  })

  it("a sent message carries SignalWire's own segment count, and ours where the provider gives none", async () => {
    const answers = {
      signalwire: { status: 201, body: { ...RAW_MESSAGE.signalwire, body: 'x', number_of_segments: 4 } },
      quo: sendAnswer('quo'),
    }
    for (const provider of ['signalwire', 'quo'] as const) {
      const sms = messengerFor(provider, 'https://provider.test', {
        fetch: async () => Response.json(answers[provider].body, { status: answers[provider].status }),
      })
      const message = await sms.send({ to: TO, text: 'Hello' })
      expect(message.segments, provider).toEqual(
        provider === 'signalwire' ? { count: 4, source: 'provider' } : { count: 1, source: 'computed' },
      )
    }
  })
})
