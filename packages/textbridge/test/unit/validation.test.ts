import { describe, expect, it } from 'vitest'
import { type Messenger, type Provider, ValidationError } from '../../src/index.js'
import { FROM, messengerFor, TO } from '../support/fixtures.js'

/** A messenger whose fetch counts requests: validation must leave it at zero. */
function counted(provider: Provider) {
  const counter = { requests: 0 }
  const fetch = async () => {
    counter.requests++
    return new Response('{}', { status: 500 })
  }
  return { sms: messengerFor(provider, 'https://provider.invalid', { fetch }) as Messenger, counter }
}

async function problemsOf(provider: Provider, input: unknown, options?: unknown) {
  const { sms, counter } = counted(provider)
  const error = await (sms.send as (i: unknown, o?: unknown) => Promise<unknown>)(input, options).catch(
    (e: unknown) => e,
  )
  expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError)
  expect(counter.requests, 'no request may be made').toBe(0)
  return (error as ValidationError).problems.map((p) => `${p.path} ${p.rule}`)
}

describe('validation before the network', () => {
  it('lists every problem of a send, with its path, rule and value, and sends nothing', async () => {
    const { sms, counter } = counted('quo')
    const error = (await sms
      .send({ to: '5550123', text: '  ', userId: 'X1' } as never)
      .catch((e: unknown) => e)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.problems).toEqual([
      {
        path: 'to',
        rule: 'e164',
        message: 'must be an E.164 number like +15555550123 (got "5550123")',
        value: '5550123',
      },
      { path: 'text', rule: 'not-blank', message: 'must not be only white space', value: '  ' },
      { path: 'userId', rule: 'pattern', message: 'must be a Quo user id (US…) (got "X1")', value: 'X1' },
    ])
    expect(error.message).toContain('nothing was sent')
    expect(error).toMatchObject({ provider: 'quo', operation: 'send', retryable: false, status: undefined })
    expect(counter.requests).toBe(0)
  })

  it.each([
    ['a number without a country code', { to: '5550123', text: 'x' }, ['to e164']],
    ['a number with a leading zero', { to: '+05550123', text: 'x' }, ['to e164']],
    ['a number of 16 digits', { to: '+1234567890123456', text: 'x' }, ['to e164']],
    ['empty text', { to: TO, text: '' }, ['text not-blank']],
    ['1601 characters', { to: TO, text: 'x'.repeat(1601) }, ['text max-length']],
    ['media, which Quo cannot send', { to: TO, text: 'x', media: ['https://e.com/a.png'] }, ['media unsupported']],
    ['several recipients without a delivery', { to: [TO, '+15555550124'], text: 'x' }, ['delivery required']],
    [
      "delivery: 'broadcast' on send (broadcast() is its own method)",
      { to: [TO], text: 'x', delivery: 'broadcast' },
      ['delivery enum'],
    ],
    [
      'eleven recipients in a group',
      { to: Array.from({ length: 11 }, (_, i) => `+1555555000${i}`), text: 'x', delivery: 'group' },
      ['to max-items'],
    ],
    ['no recipients', { to: [], text: 'x', delivery: 'group' }, ['to min-items']],
    ['a sender that is neither E.164 nor PN…', { to: TO, text: 'x', from: 'OP123' }, ['from e164-or-id']],
    ['an unknown key', { to: TO, text: 'x', body: 'x' }, ['body unknown']],
    ['numbers where strings go', { to: 15555550123, text: 42 }, ['to type', 'text type']],
  ])('Quo: rejects %s', async (_name, input, expected) => {
    expect(await problemsOf('quo', input)).toEqual(expected)
  })

  it('Quo: counts characters as code points, like the spec (1600 emoji pass)', async () => {
    const { sms } = counted('quo')
    const error = await sms.send({ to: TO, text: '😀'.repeat(1600) }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ValidationError)
    expect(await problemsOf('quo', { to: TO, text: '😀'.repeat(1601) })).toEqual(['text max-length'])
  })

  it.each([
    ['a number not in E.164', { to: '5550123', text: 'x' }, ['to e164']],
    ['neither text nor media', { to: TO }, ['text required']],
    ['blank text', { to: TO, text: ' \n' }, ['text not-blank']],
    ['1601 characters', { to: TO, text: 'y'.repeat(1601) }, ['text max-length']],
    [
      'nine media URLs',
      { to: TO, media: Array.from({ length: 9 }, (_, i) => `https://e.com/${i}.png`) },
      ['media max-items'],
    ],
    ['a media URL that is not http(s)', { to: TO, media: ['ftp://e.com/a.png'] }, ['media[0] http-url']],
    ['a media URL with a space', { to: TO, media: ['https://e.com/a b.png'] }, ['media[0] http-url']],
    ['several recipients on send', { to: [TO, '+15555550124'], text: 'x' }, ['to type']],
    [
      'a group, which SignalWire cannot send',
      { to: [TO], text: 'x', delivery: 'group' },
      ['delivery unknown', 'to type'],
    ],
    ['a bad sender', { to: TO, text: 'x', from: '1234' }, ['from e164-or-short-code']],
  ])('SignalWire: rejects %s', async (_name, input, expected) => {
    expect(await problemsOf('signalwire', input)).toEqual(expected)
  })

  it.each([
    ['a number not in E.164', { to: '3035551234', text: 'x' }, ['to e164']],
    ['no text and no template', { to: TO }, ['text required']],
    ['a template without the whatsapp channel', { to: TO, template: { id: 'dkDdrbR' } }, ['channel required']],
    [
      'a template on the sms channel',
      { to: TO, template: { id: 'dkDdrbR' }, channel: 'sms' },
      ['channel template-channel'],
    ],
    ['a template with an empty id', { to: TO, template: { id: '' }, channel: 'whatsapp' }, ['template.id min-length']],
    [
      'a template variable that is not text',
      { to: TO, template: { id: 't', variables: { a: 1 } }, channel: 'whatsapp' },
      ['template.variables.a type'],
    ],
    [
      'two attachments',
      { to: TO, text: 'x', media: ['https://e.com/a.png', 'https://e.com/b.png'] },
      ['media max-items'],
    ],
    ['an attachment of unknown type', { to: TO, text: 'x', media: ['https://e.com/a.mp4'] }, ['media[0] media-type']],
    [
      'an attachment type TextUs does not take',
      { to: TO, text: 'x', media: [{ url: 'https://e.com/a', contentType: 'video/mp4' }] },
      ['media[0].contentType enum'],
    ],
    ['a channel TextUs does not have', { to: TO, text: 'x', channel: 'fax' }, ['channel enum']],
    ['a bad saved reply', { to: TO, text: 'x', savedReply: 'QxvonQv' }, ['savedReply pattern']],
  ])('TextUs: rejects %s', async (_name, input, expected) => {
    expect(await problemsOf('textus', input)).toEqual(expected)
  })

  it.each(['quo', 'signalwire', 'textus'] as const)(
    '%s: broadcast rejects a lone recipient, duplicates and an empty list',
    async (provider) => {
      const broadcastProblems = async (input: unknown) => {
        const { sms, counter } = counted(provider)
        const error = await (sms.broadcast as (i: unknown) => Promise<unknown>)(input).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ValidationError)
        expect(counter.requests).toBe(0)
        return (error as ValidationError).problems.map((p) => `${p.path} ${p.rule}`)
      }
      expect(await broadcastProblems({ to: TO, text: 'x' })).toEqual(['to type'])
      expect(await broadcastProblems({ to: [TO, '+15555550124', TO], text: 'x' })).toEqual(['to[2] duplicate'])
      expect(await broadcastProblems({ to: [], text: 'x' })).toEqual(['to min-items'])
    },
  )

  it.each(['quo', 'signalwire', 'textus'] as const)(
    '%s: rejects inputs that are not objects and bad call options',
    async (provider) => {
      for (const input of [undefined, null, 'hello', 42, [TO]]) {
        expect(await problemsOf(provider, input)).toEqual([' type'])
      }
      expect(
        await problemsOf(provider, { to: TO, text: 'x' }, { timeoutMs: -1, retry: { retries: -1 }, nope: 1 }),
      ).toEqual(['options.nope unknown', 'options.timeoutMs type', 'options.retry type'])
    },
  )

  it('ignores prototype keys: __proto__ and constructor are unknown options, never merged', async () => {
    const input = JSON.parse(`{"to": "${TO}", "text": "x", "__proto__": {"polluted": true}, "constructor": {"x": 1}}`)
    expect(await problemsOf('quo', input)).toEqual(['__proto__ unknown', 'constructor unknown'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('accepts a Quo sender override of either form', async () => {
    for (const from of [FROM, 'PN123abc']) {
      const { sms } = counted('quo')
      const error = await sms.send({ to: TO, text: 'x', from }).catch((e: unknown) => e)
      expect(error).not.toBeInstanceOf(ValidationError)
    }
  })
})
