import { createHmac } from 'node:crypto'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  isDocumentedQuoWebhook,
  isWebhookVerificationError,
  QUO_WEBHOOK_TYPES,
  verifyQuoWebhook,
  WebhookVerificationError,
} from '../../src/index.js'
import * as subpath from '../../src/webhooks.js'

async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(WebhookVerificationError)
  return error as WebhookVerificationError
}

// Standard Webhooks (Quo's dated API): the vectors of the reference library's own suite,
// standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts
// (commit b2fa7b8719fb75d326b591077f5d1b385cfcdfae): "sign function works" and the cases around it.
const SW_SECRET = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const SW_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek'
const SW_TIMESTAMP = 1614265330
const SW_PAYLOAD = '{"test": 2432232314}'
const SW_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
const SW_NOW = SW_TIMESTAMP * 1000

function standardHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'webhook-id': SW_ID,
    'webhook-timestamp': String(SW_TIMESTAMP),
    'webhook-signature': SW_SIGNATURE,
    ...overrides,
  }
}

describe('verifyQuoWebhook, Standard Webhooks (the dated API)', () => {
  it("accepts the reference library's known answer, with and without the whsec_ prefix", async () => {
    for (const secret of [`whsec_${SW_SECRET}`, SW_SECRET]) {
      await expect(
        verifyQuoWebhook({ body: SW_PAYLOAD, headers: standardHeaders(), secret, now: SW_NOW }),
      ).resolves.toEqual({ test: 2432232314 })
    }
  })

  it('accepts a header of several signatures when one of them is valid', async () => {
    const other = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc='
    const signatures = [other, 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', SW_SIGNATURE, other].join(' ')
    const headers = new Headers(standardHeaders({ 'webhook-signature': signatures }))
    await expect(verifyQuoWebhook({ body: SW_PAYLOAD, headers, secret: SW_SECRET, now: SW_NOW })).resolves.toEqual({
      test: 2432232314,
    })
  })

  it('rejects a wrong, partial or empty signature as bad-signature', async () => {
    for (const signature of ['v1,dawfeoifkpqwoekfpqoekf', SW_SIGNATURE.slice(0, 8), 'v1,']) {
      const headers = standardHeaders({ 'webhook-signature': signature })
      const error = await rejection(verifyQuoWebhook({ body: SW_PAYLOAD, headers, secret: SW_SECRET, now: SW_NOW }))
      expect(error.reason).toBe('bad-signature')
    }
  })

  it('rejects a signature header without its id or timestamp, or with a timestamp that is not a number, as malformed', async () => {
    const noId = standardHeaders()
    delete noId['webhook-id']
    const noTimestamp = standardHeaders()
    delete noTimestamp['webhook-timestamp']
    for (const headers of [noId, noTimestamp, standardHeaders({ 'webhook-timestamp': 'hello' })]) {
      const error = await rejection(verifyQuoWebhook({ body: SW_PAYLOAD, headers, secret: SW_SECRET, now: SW_NOW }))
      expect(error.reason).toBe('malformed')
    }
  })

  it('rejects a delivery signed more than the tolerance before or after now as stale-timestamp', async () => {
    for (const offset of [-301_000, 301_000]) {
      const error = await rejection(
        verifyQuoWebhook({ body: SW_PAYLOAD, headers: standardHeaders(), secret: SW_SECRET, now: SW_NOW + offset }),
      )
      expect(error.reason).toBe('stale-timestamp')
    }
    await expect(
      verifyQuoWebhook({ body: SW_PAYLOAD, headers: standardHeaders(), secret: SW_SECRET, now: SW_NOW + 300_000 }),
    ).resolves.toBeDefined()
    const error = await rejection(
      verifyQuoWebhook({
        body: SW_PAYLOAD,
        headers: standardHeaders(),
        secret: SW_SECRET,
        now: SW_NOW + 11_000,
        toleranceSeconds: 10,
      }),
    )
    expect(error.reason).toBe('stale-timestamp')
  })

  it('rejects any byte of the body, the id or the timestamp changed', async () => {
    const bytes = new TextEncoder().encode(SW_PAYLOAD)
    for (let index = 0; index < bytes.length; index++) {
      const tampered = bytes.slice()
      tampered[index] = (tampered[index] as number) ^ 0x20
      const error = await rejection(
        verifyQuoWebhook({ body: tampered, headers: standardHeaders(), secret: SW_SECRET, now: SW_NOW }),
      )
      expect(error.reason).toBe('bad-signature')
    }
    for (const headers of [
      standardHeaders({ 'webhook-id': `${SW_ID}x` }),
      standardHeaders({ 'webhook-timestamp': String(SW_TIMESTAMP + 1) }),
    ]) {
      const error = await rejection(verifyQuoWebhook({ body: SW_PAYLOAD, headers, secret: SW_SECRET, now: SW_NOW }))
      expect(error.reason).toBe('bad-signature')
    }
  })

  it('rejects a signed empty body as malformed (the library returns undefined: a Quo event is an object)', async () => {
    const signature = `v1,${createHmac('sha256', Buffer.from(SW_SECRET, 'base64')).update(`${SW_ID}.${SW_TIMESTAMP}.`).digest('base64')}`
    const headers = standardHeaders({ 'webhook-signature': signature })
    const error = await rejection(verifyQuoWebhook({ body: '', headers, secret: SW_SECRET, now: SW_NOW }))
    expect(error.reason).toBe('malformed')
  })

  describe('agrees with the standardwebhooks library', () => {
    afterEach(() => {
      vi.restoreAllMocks()
    })

    it('on random secrets, ids, bodies, signatures and clocks', async () => {
      const now = SW_NOW
      vi.spyOn(Date, 'now').mockReturnValue(now)
      const cases = fc.record({
        key: fc.uint8Array({ minLength: 1, maxLength: 40 }),
        id: fc.stringMatching(/^[A-Za-z0-9_]{1,30}$/),
        skew: fc.integer({ min: -400, max: 400 }),
        body: fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value)),
        tamper: fc.constantFrom('none', 'body', 'signature', 'id'),
      })
      await fc.assert(
        fc.asyncProperty(cases, async ({ key, id, skew, body, tamper }) => {
          const secret = `whsec_${Buffer.from(key).toString('base64')}`
          const library = new Webhook(secret)
          const timestamp = Math.floor(now / 1000) + skew
          const signature = library.sign(id, new Date(timestamp * 1000), body)
          const headers = {
            'webhook-id': tamper === 'id' ? `${id}x` : id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': tamper === 'signature' ? `${signature.slice(0, -2)}A=` : signature,
          }
          const sent = tamper === 'body' ? `${body} ` : body
          let theirs: 'ok' | 'refused'
          try {
            library.verify(sent, headers)
            theirs = 'ok'
          } catch {
            theirs = 'refused'
          }
          const ours = await verifyQuoWebhook({ body: sent, headers, secret, now }).then(
            () => 'ok',
            (error: unknown) => (isWebhookVerificationError(error) ? 'refused' : error),
          )
          expect(ours).toBe(theirs)
        }),
        { numRuns: 150 },
      )
    })
  })
})

// The legacy scheme publishes no test vectors: fixtures are signed here with node:crypto
// (the code under test uses Web Crypto), as Quo's "Webhooks" docs describe it.
const LEGACY_SECRET = Buffer.from('quo legacy signing key: 32 bytes').toString('base64')
const NOW = 1_764_600_000_000
const BODY = JSON.stringify({
  id: 'EVc67ec998b35c41d388af50799aeeba3e',
  object: 'event',
  apiVersion: 'v3',
  createdAt: '2025-12-01T14:40:00.000Z',
  type: 'message.received',
  data: { object: { id: 'AC123abc', object: 'message', from: '+15555550123', to: ['+15555550100'], text: 'Hi ✓' } },
})

function legacyHeader(body: string | Uint8Array, timestamp = String(NOW), secret = LEGACY_SECRET): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]))
    .digest('base64')
  return `hmac;1;${timestamp};${digest}`
}

describe('verifyQuoWebhook, legacy openphone-signature', () => {
  it('resolves with the event of a body signed with the base64-decoded secret', async () => {
    const headers = { 'openphone-signature': legacyHeader(BODY) }
    await expect(verifyQuoWebhook({ body: BODY, headers, secret: LEGACY_SECRET, now: NOW })).resolves.toEqual(
      JSON.parse(BODY),
    )
  })

  it('takes the body as bytes and the header in any case, and an unknown event type as it is', async () => {
    const body = JSON.stringify({ id: 'EV1', type: 'call.completed', data: {} })
    const bytes = new TextEncoder().encode(body)
    await expect(
      verifyQuoWebhook({
        body: bytes,
        headers: { 'OpenPhone-Signature': legacyHeader(body) },
        secret: LEGACY_SECRET,
        now: NOW,
      }),
    ).resolves.toEqual({ id: 'EV1', type: 'call.completed', data: {} })
  })

  it('reads a 10-digit timestamp as seconds', async () => {
    const seconds = String(NOW / 1000)
    const headers = { 'openphone-signature': legacyHeader(BODY, seconds) }
    await expect(verifyQuoWebhook({ body: BODY, headers, secret: LEGACY_SECRET, now: NOW })).resolves.toBeDefined()
  })

  it('rejects a replay outside the tolerance as stale-timestamp', async () => {
    const headers = { 'openphone-signature': legacyHeader(BODY) }
    for (const now of [NOW + 301_000, NOW - 301_000]) {
      const error = await rejection(verifyQuoWebhook({ body: BODY, headers, secret: LEGACY_SECRET, now }))
      expect(error.reason).toBe('stale-timestamp')
    }
    await expect(
      verifyQuoWebhook({ body: BODY, headers, secret: LEGACY_SECRET, now: NOW + 3_600_000, toleranceSeconds: 3600 }),
    ).resolves.toBeDefined()
  })

  it('rejects any byte of the body, the timestamp or the digest changed as bad-signature', async () => {
    const bytes = new TextEncoder().encode(BODY)
    const header = legacyHeader(BODY)
    for (let index = 0; index < bytes.length; index++) {
      const tampered = bytes.slice()
      tampered[index] = (tampered[index] as number) ^ 0x01
      const error = await rejection(
        verifyQuoWebhook({
          body: tampered,
          headers: { 'openphone-signature': header },
          secret: LEGACY_SECRET,
          now: NOW,
        }),
      )
      expect(error.reason).toBe('bad-signature')
    }
    const [, , timestamp, digest] = header.split(';') as [string, string, string, string]
    const changed = [
      `hmac;1;${Number(timestamp) + 1};${digest}`,
      `hmac;1;${timestamp};${digest.startsWith('A') ? 'B' : 'A'}${digest.slice(1)}`,
    ]
    for (const value of changed) {
      const error = await rejection(
        verifyQuoWebhook({ body: BODY, headers: { 'openphone-signature': value }, secret: LEGACY_SECRET, now: NOW }),
      )
      expect(error.reason).toBe('bad-signature')
    }
    const other = Buffer.from('another signing key').toString('base64')
    const error = await rejection(
      verifyQuoWebhook({ body: BODY, headers: { 'openphone-signature': header }, secret: other, now: NOW }),
    )
    expect(error.reason).toBe('bad-signature')
  })

  it('rejects a header that is not hmac;1;<timestamp>;<digest> as malformed', async () => {
    for (const value of ['hmac;2;1;abc', 'sha256=abc', `hmac;1;soon;${legacyHeader(BODY).split(';')[3]}`, '']) {
      const error = await rejection(
        verifyQuoWebhook({ body: BODY, headers: { 'openphone-signature': value }, secret: LEGACY_SECRET, now: NOW }),
      )
      expect(error.reason).toBe('malformed')
    }
  })
})

describe('isDocumentedQuoWebhook', () => {
  const verified = (payload: unknown) => {
    const body = JSON.stringify(payload)
    return verifyQuoWebhook({
      body,
      headers: { 'openphone-signature': legacyHeader(body) },
      secret: LEGACY_SECRET,
      now: NOW,
    })
  }
  const message = { id: 'AC1', text: 'Hi', direction: 'incoming' }

  it('is true for each event type the spec documents, in its v1 envelope', async () => {
    for (const type of QUO_WEBHOOK_TYPES) {
      expect(isDocumentedQuoWebhook(await verified({ id: 'EV1', type, data: { object: message } }))).toBe(true)
    }
  })

  it('is true in the dated API envelope the spec documents beside v1', async () => {
    for (const type of QUO_WEBHOOK_TYPES) {
      const dated = {
        id: 'msg_1',
        apiVersion: '2026-03-30',
        createdAt: '2026-12-01T10:00:00.000Z',
        type,
        data: { resource: message, context: { phoneNumberId: 'PN1' }, links: {} },
      }
      expect(isDocumentedQuoWebhook(await verified(dated))).toBe(true)
    }
  })

  it('is false for an event the spec does not know, and for an envelope neither version describes', async () => {
    expect(isDocumentedQuoWebhook(await verified({ id: 'EV1', type: 'call.completed', data: { object: {} } }))).toBe(
      false,
    )
    const dated = {
      id: 'EV1',
      apiVersion: '2026-03-30',
      createdAt: '2026-12-01T10:00:00.000Z',
      type: 'message.received',
    }
    expect(isDocumentedQuoWebhook(await verified({ ...dated, data: { resource: {} } }))).toBe(false)
    expect(
      isDocumentedQuoWebhook(await verified({ ...dated, apiVersion: '2025-01-01', data: { resource: message } })),
    ).toBe(false)
    const { createdAt: _createdAt, ...undated } = dated
    expect(isDocumentedQuoWebhook(await verified({ ...undated, data: { resource: message } }))).toBe(false)
    expect(isDocumentedQuoWebhook(await verified({ ...dated, data: null }))).toBe(false)
    expect(isDocumentedQuoWebhook(await verified({ type: 'message.received', data: { object: message } }))).toBe(false)
  })
})

describe('verifyQuoWebhook, either scheme', () => {
  it('is exported from the package entry and from @textbridge/quo/webhooks alike', () => {
    expect(subpath.verifyQuoWebhook).toBe(verifyQuoWebhook)
  })

  it('rejects a request with neither header as missing-signature', async () => {
    const error = await rejection(
      verifyQuoWebhook({ body: BODY, headers: { 'content-type': 'application/json' }, secret: LEGACY_SECRET }),
    )
    expect(error.reason).toBe('missing-signature')
    expect(error.name).toBe('WebhookVerificationError')
  })

  it('checks the Standard Webhooks headers when a delivery carries both', async () => {
    const headers = { ...standardHeaders(), 'openphone-signature': 'hmac;1;0;x' }
    await expect(verifyQuoWebhook({ body: SW_PAYLOAD, headers, secret: SW_SECRET, now: SW_NOW })).resolves.toEqual({
      test: 2432232314,
    })
  })

  it('refuses an already-parsed body with a TypeError that says how to keep the raw one', async () => {
    const error = await verifyQuoWebhook({
      body: JSON.parse(BODY) as string,
      headers: { 'openphone-signature': legacyHeader(BODY) },
      secret: LEGACY_SECRET,
      now: NOW,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).toMatch(/express\.raw/)
    expect(String(error)).toMatch(/request\.text\(\)/)
  })

  it('refuses a secret that is not base64, a negative tolerance and a clock that is not a number', async () => {
    const base = { body: BODY, headers: { 'openphone-signature': legacyHeader(BODY) }, secret: LEGACY_SECRET }
    await expect(verifyQuoWebhook({ ...base, secret: 'not base64!' })).rejects.toThrow(/option "secret"/)
    await expect(verifyQuoWebhook({ ...base, toleranceSeconds: -1 })).rejects.toThrow(/toleranceSeconds/)
    await expect(verifyQuoWebhook({ ...base, now: new Date() as never })).rejects.toThrow(/option "now"/)
  })

  it('never shows the secret in a message, a property, inspect() or toJSON()', async () => {
    const attempts = [
      verifyQuoWebhook({ body: BODY, headers: {}, secret: LEGACY_SECRET }),
      verifyQuoWebhook({
        body: `${BODY} `,
        headers: { 'openphone-signature': legacyHeader(BODY) },
        secret: LEGACY_SECRET,
        now: NOW,
      }),
      verifyQuoWebhook({ body: BODY, headers: { 'openphone-signature': legacyHeader(BODY) }, secret: LEGACY_SECRET }),
      verifyQuoWebhook({
        body: SW_PAYLOAD,
        headers: standardHeaders({ 'webhook-signature': 'v1,' }),
        secret: SW_SECRET,
        now: SW_NOW,
      }),
      verifyQuoWebhook({ body: BODY, headers: {}, secret: 'not base64!' }),
    ]
    for (const error of await Promise.all(attempts.map((attempt) => attempt.catch((caught: unknown) => caught)))) {
      expect(error).toBeInstanceOf(Error)
      for (const text of [String(error), inspect(error), JSON.stringify(error)]) {
        for (const secret of [LEGACY_SECRET, SW_SECRET, 'not base64!']) expect(text).not.toContain(secret)
      }
    }
  })

  it('rejects random headers and bodies with a WebhookVerificationError only', async () => {
    const name = fc.constantFrom(
      'openphone-signature',
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
      'x-other',
    )
    const value = fc.oneof(
      fc.string(),
      fc.integer({ min: 0 }).map(String),
      fc.tuple(fc.nat(), fc.base64String()).map(([ts, digest]) => `hmac;1;${ts};${digest}`),
      fc.base64String().map((digest) => `v1,${digest}`),
    )
    const body = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 }), fc.json())
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value), body, async (headers, body) => {
        const error = await verifyQuoWebhook({ body, headers, secret: SW_SECRET }).catch((caught: unknown) => caught)
        expect(isWebhookVerificationError(error)).toBe(true)
      }),
      { numRuns: 100 },
    )
  }, 30_000)
})
