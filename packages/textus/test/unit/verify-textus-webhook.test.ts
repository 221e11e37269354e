import { createHmac } from 'node:crypto'
import { inspect } from 'node:util'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isDocumentedTextUsWebhook,
  isWebhookVerificationError,
  verifyTextUsWebhook,
  WebhookVerificationError,
} from '../../src/index.js'
import * as subpath from '../../src/webhooks.js'

// TextUs publishes no signed example, so fixtures are signed here with node:crypto (the code
// under test uses Web Crypto). The secret has the form of the docs' example
// (https://apidocs.next.textus.com/overview/webhooks/, "textus-HOTh4kXxHIbYst0xutpkdw").
const SECRET = 'textus-HOTh4kXxHIbYst0xutpkdw'
const BODY = JSON.stringify({
  '@type': 'WebhookDelivery',
  id: '/integrations/h13Jc5/deliveries/xyz',
  timestamp: '2018-07-24T20:59:32.156Z',
  action: 'message.received',
  webHook: '/integrations/h13Jc5',
  conversation: { '@type': 'Conversation', id: '/conversations/JYnJBY' },
  message: { '@type': 'Message', id: '/messages/QNDkpL', body: 'Yes, see you then. ✓', direction: 'in' },
})

function sign(body: string | Uint8Array, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex')
}

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

function expectNoSecret(error: unknown): void {
  const shown = [String(error), inspect(error), JSON.stringify(error), JSON.stringify(Object.values(error as object))]
  for (const text of shown) expect(text).not.toContain(SECRET)
}

describe('verifyTextUsWebhook', () => {
  it('resolves with the payload of a body signed with the secret (hex HMAC-SHA256 of the raw body)', async () => {
    const event = await verifyTextUsWebhook({
      body: BODY,
      headers: { 'X-TextUs-Signature': sign(BODY) },
      secret: SECRET,
    })
    expect(event).toEqual(JSON.parse(BODY))
  })

  it('takes the body as bytes, the headers as Headers or a record in any case, and hex in either case', async () => {
    const bytes = new TextEncoder().encode(BODY)
    const signature = sign(bytes)
    for (const headers of [
      new Headers({ 'x-textus-signature': signature }),
      { 'x-textus-signature': signature.toUpperCase() },
      { 'X-TEXTUS-SIGNATURE': [signature] },
    ]) {
      await expect(verifyTextUsWebhook({ body: bytes, headers, secret: SECRET })).resolves.toMatchObject({
        action: 'message.received',
      })
    }
  })

  it('takes a Uint8Array from another realm (an iframe, a vm context) and a Buffer', async () => {
    const bytes = [...new TextEncoder().encode(BODY)]
    const foreign = runInNewContext(`new Uint8Array(${JSON.stringify(bytes)})`) as Uint8Array
    expect(foreign instanceof Uint8Array).toBe(false)
    for (const body of [foreign, Buffer.from(BODY)]) {
      await expect(
        verifyTextUsWebhook({ body, headers: { 'x-textus-signature': sign(BODY) }, secret: SECRET }),
      ).resolves.toMatchObject({ action: 'message.received' })
    }
  })

  it('returns an action the spec does not document as it was sent', async () => {
    const body = JSON.stringify({ action: 'contact.opted_out', contact: { id: '/contacts/1' } })
    const event = await verifyTextUsWebhook({ body, headers: { 'x-textus-signature': sign(body) }, secret: SECRET })
    expect(event).toEqual({ action: 'contact.opted_out', contact: { id: '/contacts/1' } })
    expect(isDocumentedTextUsWebhook(event)).toBe(false)
    const received = await verifyTextUsWebhook({
      body: BODY,
      headers: { 'x-textus-signature': sign(BODY) },
      secret: SECRET,
    })
    expect(isDocumentedTextUsWebhook(received)).toBe(true)
  })

  it('is exported from the package entry and from @textbridge/textus/webhooks alike', () => {
    expect(subpath.verifyTextUsWebhook).toBe(verifyTextUsWebhook)
    expect(subpath.WebhookVerificationError).toBe(WebhookVerificationError)
  })

  it('rejects a request without the header as missing-signature', async () => {
    const error = await rejection(verifyTextUsWebhook({ body: BODY, headers: {}, secret: SECRET }))
    expect(error.reason).toBe('missing-signature')
    expect(error.name).toBe('WebhookVerificationError')
    expect(isWebhookVerificationError(error)).toBe(true)
  })

  it('rejects a header that is not 64 hex digits as malformed', async () => {
    for (const header of ['sha256=abc', sign(BODY).slice(1), `${sign(BODY)}0`]) {
      const error = await rejection(
        verifyTextUsWebhook({ body: BODY, headers: { 'x-textus-signature': header }, secret: SECRET }),
      )
      expect(error.reason).toBe('malformed')
    }
  })

  it('rejects another secret, and any byte of the body or the signature changed, as bad-signature', async () => {
    const bytes = new TextEncoder().encode(BODY)
    const signature = sign(bytes)
    const wrong = await rejection(
      verifyTextUsWebhook({ body: BODY, headers: { 'x-textus-signature': signature }, secret: 'other' }),
    )
    expect(wrong.reason).toBe('bad-signature')
    for (let index = 0; index < bytes.length; index++) {
      const tampered = bytes.slice()
      tampered[index] = (tampered[index] as number) ^ 0x01
      const error = await rejection(
        verifyTextUsWebhook({ body: tampered, headers: { 'x-textus-signature': signature }, secret: SECRET }),
      )
      expect(error.reason).toBe('bad-signature')
    }
    for (let index = 0; index < signature.length; index++) {
      const changed = signature.slice(0, index) + (signature[index] === '0' ? '1' : '0') + signature.slice(index + 1)
      const error = await rejection(
        verifyTextUsWebhook({ body: BODY, headers: { 'x-textus-signature': changed }, secret: SECRET }),
      )
      expect(error.reason).toBe('bad-signature')
    }
  })

  it('rejects a signed body that is not a JSON object as malformed', async () => {
    for (const body of ['not json', '[1,2]', 'null']) {
      const error = await rejection(
        verifyTextUsWebhook({ body, headers: { 'x-textus-signature': sign(body) }, secret: SECRET }),
      )
      expect(error.reason).toBe('malformed')
    }
  })

  it('refuses an already-parsed body with a TypeError that says how to keep the raw one', async () => {
    const parsed = JSON.parse(BODY) as unknown as string
    const error = await verifyTextUsWebhook({
      body: parsed,
      headers: { 'x-textus-signature': sign(BODY) },
      secret: SECRET,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).toMatch(/express\.raw/)
    expect(String(error)).toMatch(/request\.text\(\)/)
  })

  it('refuses a missing secret, unknown options and headers that are not an object with a TypeError', async () => {
    const base = { body: BODY, headers: { 'x-textus-signature': sign(BODY) }, secret: SECRET }
    await expect(verifyTextUsWebhook({ ...base, secret: '' })).rejects.toThrow(TypeError)
    await expect(verifyTextUsWebhook({ ...base, signingKey: SECRET } as never)).rejects.toThrow(
      /unknown option "signingKey"/,
    )
    await expect(verifyTextUsWebhook({ ...base, headers: 'x' as never })).rejects.toThrow(TypeError)
  })

  it('never shows the secret in a message, a property, inspect() or toJSON()', async () => {
    const errors = await Promise.all([
      verifyTextUsWebhook({ body: BODY, headers: {}, secret: SECRET }).catch((error: unknown) => error),
      verifyTextUsWebhook({ body: BODY, headers: { 'x-textus-signature': 'zz' }, secret: SECRET }).catch(
        (e: unknown) => e,
      ),
      verifyTextUsWebhook({ body: `${BODY} `, headers: { 'x-textus-signature': sign(BODY) }, secret: SECRET }).catch(
        (error: unknown) => error,
      ),
      verifyTextUsWebhook({ body: 'x', headers: { 'x-textus-signature': sign('x') }, secret: SECRET }).catch(
        (e: unknown) => e,
      ),
    ])
    for (const error of errors) {
      expect(isWebhookVerificationError(error)).toBe(true)
      expectNoSecret(error)
    }
    expect(JSON.parse(JSON.stringify(errors[0]))).toEqual({
      name: 'WebhookVerificationError',
      reason: 'missing-signature',
      message: expect.any(String),
    })
  })

  it('rejects random headers and bodies with a WebhookVerificationError only', async () => {
    const signature = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F]{64}$/))
    const headers = fc.dictionary(fc.oneof(fc.constant('X-TextUs-Signature'), fc.string()), signature)
    const body = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 }), fc.json())
    await fc.assert(
      fc.asyncProperty(headers, body, async (headers, body) => {
        const error = await verifyTextUsWebhook({ body, headers, secret: SECRET }).catch((caught: unknown) => caught)
        expect(isWebhookVerificationError(error)).toBe(true)
      }),
      { numRuns: 100 },
    )
  }, 30_000)
})
