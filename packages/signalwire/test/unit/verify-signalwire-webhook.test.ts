import { createHmac } from 'node:crypto'
import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  isDocumentedSignalWireWebhook,
  isSignalWireWebhook,
  isWebhookVerificationError,
  SIGNALWIRE_WEBHOOK_NAMES,
  signalWireWebhookName,
  verifySignalWireWebhook,
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

const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'

function form(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one)
  }
  return search.toString()
}

function verifyForm(url: string, params: Record<string, string | string[]>, signature: string, signingKey: string) {
  return verifySignalWireWebhook({
    url,
    body: form(params),
    headers: { 'Content-Type': FORM, 'X-SignalWire-Signature': signature },
    signingKey,
  })
}

/** Base64 HMAC-SHA1 of `data` with node:crypto, for fixtures no SDK publishes. */
function b64(key: string, data: string): string {
  return createHmac('sha1', key).update(data).digest('base64')
}

// The canonical vectors of SignalWire's own validator suite: signalwire/signalwire-python,
// tests/unit/security/test_webhook_validator.py (commit 82537182386813aee92f4e4a3d83c1b4b3a73391).
const VECTOR_A = {
  signingKey: 'PSKtest1234567890abcdef',
  url: 'https://example.ngrok.io/webhook',
  body: '{"event":"call.state","params":{"call_id":"abc-123","state":"answered"}}',
  signature: 'c3c08c1fefaf9ee198a100d5906765a6f394bf0f',
}
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
}
const VECTOR_B = {
  signingKey: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
}
const VECTOR_C = {
  signingKey: 'PSKtest1234567890abcdef',
  body: '{"event":"call.state"}',
  url: 'https://example.ngrok.io/webhook?bodySHA256=69f3cbfc18e386ef8236cb7008cd5a54b7fed637a8cb3373b5a1591d7f0fd5f4',
  signature: 'dfO9ek8mxyFtn2nMz24plPmPfIY=',
}

describe("verifySignalWireWebhook: SignalWire's canonical vectors", () => {
  it('A: JSON, hex HMAC-SHA1 of the URL and the raw body', async () => {
    const event = await verifySignalWireWebhook({
      url: VECTOR_A.url,
      body: VECTOR_A.body,
      headers: { 'content-type': JSON_TYPE, 'x-signalwire-signature': VECTOR_A.signature },
      signingKey: VECTOR_A.signingKey,
    })
    expect(event).toEqual(JSON.parse(VECTOR_A.body))
  })

  it('B: a form, base64 HMAC-SHA1 of the URL and the parameters sorted by name', async () => {
    await expect(verifyForm(VECTOR_B.url, PARAMS, VECTOR_B.signature, VECTOR_B.signingKey)).resolves.toEqual(PARAMS)
  })

  it('C: JSON on the compatibility surface, the URL signed with the body hash in bodySHA256', async () => {
    const headers = { 'content-type': JSON_TYPE, 'x-signalwire-signature': VECTOR_C.signature }
    const options = { url: VECTOR_C.url, body: VECTOR_C.body, headers, signingKey: VECTOR_C.signingKey }
    await expect(verifySignalWireWebhook(options)).resolves.toEqual({ event: 'call.state' })
    const error = await rejection(verifySignalWireWebhook({ ...options, body: '{"event":"DIFFERENT"}' }))
    expect(error.reason).toBe('bad-signature')
  })

  it('keeps the order of a repeated parameter: To=a&To=b is not To=b&To=a', async () => {
    const url = 'https://example.com/hook'
    const signature = b64('test-key', `${url}ToaTob`)
    const headers = { 'content-type': FORM, 'x-signalwire-signature': signature }
    await expect(verifySignalWireWebhook({ url, body: 'To=a&To=b', headers, signingKey: 'test-key' })).resolves.toEqual(
      {
        To: ['a', 'b'],
      },
    )
    const error = await rejection(verifySignalWireWebhook({ url, body: 'To=b&To=a', headers, signingKey: 'test-key' }))
    expect(error.reason).toBe('bad-signature')
  })

  it('tries the URL with and without the default port, for https and http', async () => {
    const cases = [
      ['https://example.com:443/webhook', 'https://example.com/webhook'],
      ['https://example.com/webhook', 'https://example.com:443/webhook'],
      ['http://example.com:80/path', 'http://example.com/path'],
    ] as const
    for (const [signed, received] of cases) {
      const headers = { 'content-type': FORM, 'x-signalwire-signature': b64('test-key', signed) }
      await expect(
        verifySignalWireWebhook({ url: received, body: '', headers, signingKey: 'test-key' }),
      ).resolves.toEqual({})
    }
  })
})

// signalwire/signalwire-python, signalwire/tests/test_request_validator.py
// (commit c060cb54732a782c623e3ef3d82f58705ac2a4e5): requests captured from SignalWire.
describe('verifySignalWireWebhook: requests SignalWire sent', () => {
  const CALL = {
    AccountSid: '6bfbbe86-a901-4197-8759-2a0de1fa319d',
    ApiVersion: '2010-04-01',
    CallbackSource: 'call-progress-events',
    CallSid: 'a97d4e8a-6047-4e2b-be48-fb96b33b5642',
    CallStatus: 'no-answer',
    Direction: 'outbound-api',
    From: 'sip:+17063958228@sip.swire.io',
    HangupBy: 'sip:+17063958228@sip.swire.io',
    HangupDirection: 'outbound',
    SipResultCode: '487',
    Timestamp: 'Thu, 09 Nov 2023 14:40:55 +0000',
    To: 'sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io',
  }

  it('a RELAY JSON callback (hex)', async () => {
    const body =
      '{"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west","segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","direction":"inbound","type":"phone","from":"+12135877632","to":"+12089806814","from_number":"+12135877632","to_number":"+12089806814","project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}}'
    await expect(
      verifySignalWireWebhook({
        url: 'https://81f2-2-45-18-191.ngrok-free.app/',
        body,
        headers: { 'x-signalwire-signature': 'b18500437ebb010220ddd770cbe6fd531ea0ba0d' },
        signingKey: 'PSK_7TruNcSNTxp4zNrykMj4EPzF',
      }),
    ).resolves.toMatchObject({ call: { call_state: 'created' } })
  })

  it('a compatibility status callback as a form, over http and over https', async () => {
    const http = {
      ...CALL,
      CallSid: '0703574f-b151-465d-aedb-28972eb513c7',
      CallStatus: 'busy',
      HangupBy: 'sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io',
      HangupDirection: 'inbound',
      SipResultCode: '486',
      Timestamp: 'Thu, 09 Nov 2023 17:05:04 +0000',
    }
    const key = 'PSK_V3bF8oyeRNpJWGoRWHNYQMUU'
    await expect(
      verifyForm('http://0aac-189-71-169-171.ngrok-free.app/voice', http, 'lf3nWPmUr2y6jSeeoMW4mg58vgI=', key),
    ).resolves.toEqual(http)
    await expect(
      verifyForm('https://675d-189-71-169-171.ngrok-free.app/voice', CALL, 'muUMpldcBHlzuXGZ5gbw1ETZCYA=', key),
    ).resolves.toEqual(CALL)
  })

  it("the same callback as JSON, its fields signed as the form's parameters", async () => {
    const body = `{\n  ${Object.entries(CALL)
      .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`)
      .join(', \n  ')}\n}`
    await expect(
      verifySignalWireWebhook({
        url: 'https://675d-189-71-169-171.ngrok-free.app/voice',
        body,
        headers: { 'content-type': JSON_TYPE, 'x-signalwire-signature': 'muUMpldcBHlzuXGZ5gbw1ETZCYA=' },
        signingKey: 'PSK_V3bF8oyeRNpJWGoRWHNYQMUU',
      }),
    ).resolves.toEqual(CALL)
  })
})

describe('a verified SignalWire payload is told apart by the fields its webhook requires', () => {
  const key = 'PSK_guards'
  const url = 'https://example.com/sms/status'
  const json = (payload: unknown) => {
    const body = JSON.stringify(payload)
    const signature = createHmac('sha1', key)
      .update(url + body)
      .digest('hex')
    return verifySignalWireWebhook({
      url,
      body,
      headers: { 'content-type': JSON_TYPE, 'x-signalwire-signature': signature },
      signingKey: key,
    })
  }
  const status = {
    id: 'b3877c40-da60-4998-90ad-b792e98472ms',
    project_id: 'b3877c40-da60-4998-90ad-b792e98472af',
    status: 'delivered',
    to: '+15551234567',
    from: '+15559876543',
    body: 'Hello',
    number_of_segments: 1,
    timestamp: '2026-03-17T22:26:57Z',
    error_code: null,
    error_message: null,
  }
  const sms = {
    MessageStatus: 'undelivered',
    ErrorCode: '30003',
    MessageSid: 'b3877c40-da60-4998-90ad-b792e98472ms',
    AccountSid: 'b3877c40-da60-4998-90ad-b792e98472af',
    From: '+15551234567',
    To: '+15559876543',
    Body: 'Hey, your order has shipped!',
    NumMedia: '0',
    NumSegments: '1',
  }

  it('knows each webhook of the spec', () => {
    expect([...SIGNALWIRE_WEBHOOK_NAMES].sort()).toEqual([
      'inboundMessageWebhook',
      'messageStatusCallback',
      'smsStatusCallback',
    ])
  })

  it('a REST status callback (JSON)', async () => {
    const payload = await json(status)
    expect(signalWireWebhookName(payload)).toBe('messageStatusCallback')
    expect(isSignalWireWebhook(payload, 'messageStatusCallback') && payload.number_of_segments).toBe(1)
    expect(isSignalWireWebhook(payload, 'smsStatusCallback')).toBe(false)
  })

  it('a REST inbound message (JSON)', async () => {
    const message = {
      message_id: 'm-1',
      direction: 'inbound',
      from: '+15551234567',
      to: '+15559876543',
      body: 'Hi',
      media: [],
      timestamp: '2026-03-17T22:26:57Z',
    }
    const payload = await json({ message, params: {}, vars: {} })
    expect(signalWireWebhookName(payload)).toBe('inboundMessageWebhook')
    expect(isSignalWireWebhook(payload, 'inboundMessageWebhook') && payload.message.body).toBe('Hi')
    const { media: _media, ...withoutMedia } = message
    expect(signalWireWebhookName(await json({ message: withoutMedia, params: {} }))).toBeUndefined()
  })

  it('a Compatibility status callback (form), its values as text', async () => {
    const payload = await verifyForm(
      url,
      sms,
      b64(
        key,
        url +
          Object.keys(sms)
            .sort()
            .map((name) => name + sms[name as keyof typeof sms])
            .join(''),
      ),
      key,
    )
    expect(signalWireWebhookName(payload)).toBe('smsStatusCallback')
    expect(isSignalWireWebhook(payload, 'smsStatusCallback') && payload.NumSegments).toBe('1')
  })

  it('a payload the spec does not know, or one missing a required field, still verifies and is none of them', async () => {
    const call = await verifyForm(
      url,
      { CallSid: 'c-1', CallStatus: 'busy' },
      b64(key, `${url}CallSidc-1CallStatusbusy`),
      key,
    )
    expect(call).toEqual({ CallSid: 'c-1', CallStatus: 'busy' })
    expect(signalWireWebhookName(call)).toBeUndefined()
    expect(isDocumentedSignalWireWebhook(call)).toBe(false)
    const { project_id: _dropped, ...partial } = status
    expect(isDocumentedSignalWireWebhook(await json(partial))).toBe(false)
    expect(isDocumentedSignalWireWebhook(await json(status))).toBe(true)
  })
})

// signalwire/compatibility-api-js, spec/validation.spec.js (commit 60a6d2feec6ca2c2f6ef0dd37aecd0cd8e96c057),
// the Twilio-compatible validator SignalWire's Compatibility API ships.
describe('verifySignalWireWebhook: the compatibility SDK vectors', () => {
  const url = VECTOR_B.url
  const key = VECTOR_B.signingKey

  it('https and http URLs with the standard port added, a non-standard port kept', async () => {
    await expect(verifyForm(url, PARAMS, 'kvajT1Ptam85bY51eRf/AJRuM3w=', key)).resolves.toEqual(PARAMS)
    await expect(
      verifyForm(url.replace('https', 'http'), PARAMS, '0ZXoZLH/DfblKGATFgpif+LLRf4=', key),
    ).resolves.toEqual(PARAMS)
    const http1234 = url.replace('https', 'http').replace('.com', '.com:1234')
    await expect(verifyForm(http1234, PARAMS, 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', key)).resolves.toEqual(PARAMS)
  })

  it('refuses a signature made without a non-standard port (that SDK strips any port; SignalWire toggles the default one only)', async () => {
    const error = await rejection(verifyForm(url.replace('.com', '.com:1234'), PARAMS, VECTOR_B.signature, key))
    expect(error.reason).toBe('bad-signature')
  })

  it('URLs with credentials, with and without the port', async () => {
    const withCredentials = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2'
    await expect(verifyForm(withCredentials, PARAMS, 'CukzLTc1tT5dXEDIHm/tKBanW10=', key)).resolves.toEqual(PARAMS)
    await expect(verifyForm(withCredentials, PARAMS, 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=', key)).resolves.toEqual(PARAMS)
    const userOnly = 'https://user@mycompany.com/myapp.php?foo=1&bar=2'
    await expect(verifyForm(userOnly, PARAMS, '2YRLlVAflCqxaNicjMpJcSTgzSs=', key)).resolves.toEqual(PARAMS)
  })

  it("a query with special characters, as the URL was configured (It's+amazing)", async () => {
    await expect(verifyForm(`${url}&Body=It's+amazing`, PARAMS, 'dsq4Ehbj6cs+KdTkpF5sSSplOWw=', key)).resolves.toEqual(
      PARAMS,
    )
  })

  it('a parameter sent more than once', async () => {
    const params = { 'MessagingBinding.Address': ['+1325xxxxxxx', '+1415xxxxxxx'] }
    await expect(verifyForm(url, params, '83O6e2vORAoJHUNzJjDWN1jz+BA=', key)).resolves.toEqual(params)
  })

  it('JSON bodies checked against bodySHA256, empty and with the hash as the only parameter', async () => {
    const body = '{"property": "value", "boolean": true}'
    const hash = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620'
    const cases = [
      [`${url}&bodySHA256=${hash}`, body, 'a9nBmqA0ju/hNViExpshrM61xv4='],
      [
        `${url}&bodySHA256=44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a`,
        '{}',
        'Ldidvp12m26NI7eqEvxnEpkd9Hc=',
      ],
      [`https://mycompany.com/myapp.php?bodySHA256=${hash}`, body, 'y77kIzt2vzLz71DgmJGsen2scGs='],
    ] as const
    for (const [signedUrl, sent, signature] of cases) {
      const headers = { 'content-type': JSON_TYPE, 'x-twilio-signature': signature }
      await expect(verifySignalWireWebhook({ url: signedUrl, body: sent, headers, signingKey: key })).resolves.toEqual(
        JSON.parse(sent),
      )
      const error = await rejection(
        verifySignalWireWebhook({ url: signedUrl.slice(0, -1), body: sent, headers, signingKey: key }),
      )
      expect(error.reason).toBe('bad-signature')
    }
  })
})

// twilio/twilio-node, spec/unit/webhooks/webhooks.spec.js (commit 45d3d65a4ea87652f4c7973af0e0998f3af31322):
// URLs signed one way and received another. Its signatures come from the SDK's own signer, so
// they are signed here with node:crypto.
describe('verifySignalWireWebhook: URL forms (twilio-node cases)', () => {
  const key = 's3cr3t'
  const cases = [
    ['https://example.com:443/path?test=param', 'https://example.com/path?test=param'],
    ['https://example.com/path?test=param', 'https://example.com:443/path?test=param'],
    ["https://example.com/path?test=param'WithQuote", "https://example.com/path?test=param'WithQuote"],
    ["https://example.com/path?test=param'WithQuote", 'https://example.com/path?test=param%27WithQuote'],
    ['https://example.com/path?test=param%27WithQuote', "https://example.com/path?test=param'WithQuote"],
    ['https://example.com/path?test=param%27WithQuote', 'https://example.com/path?test=param%27WithQuote'],
  ] as const

  it.each(cases)('accepts a signature for %s received as %s', async (signed, received) => {
    await expect(verifyForm(received, {}, b64(key, signed), key)).resolves.toEqual({})
  })

  it('refuses a signature for another query', async () => {
    const signature = b64(key, 'https://example.com/path?test=param')
    const error = await rejection(verifyForm('https://example.com/path?test=param2', {}, signature, key))
    expect(error.reason).toBe('bad-signature')
  })
})

describe('verifySignalWireWebhook', () => {
  it('is exported from the package entry and from @textbridge/signalwire/webhooks alike', () => {
    expect(subpath.verifySignalWireWebhook).toBe(verifySignalWireWebhook)
  })

  it('takes a URL object, the body as bytes, and Headers', async () => {
    const payload = await verifySignalWireWebhook({
      url: new URL(VECTOR_A.url),
      body: new TextEncoder().encode(VECTOR_A.body),
      headers: new Headers({ 'X-SignalWire-Signature': VECTOR_A.signature.toUpperCase() }),
      signingKey: VECTOR_A.signingKey,
    })
    expect(payload).toEqual(JSON.parse(VECTOR_A.body))
  })

  it('rejects a request without a signature header as missing-signature', async () => {
    const error = await rejection(
      verifySignalWireWebhook({ url: VECTOR_A.url, body: VECTOR_A.body, headers: {}, signingKey: VECTOR_A.signingKey }),
    )
    expect(error.reason).toBe('missing-signature')
    expect(error.name).toBe('WebhookVerificationError')
  })

  it('rejects any byte of a JSON body changed, and any character of the path, query or host', async () => {
    const headers = { 'content-type': JSON_TYPE, 'x-signalwire-signature': VECTOR_A.signature }
    const bytes = new TextEncoder().encode(VECTOR_A.body)
    for (let index = 0; index < bytes.length; index++) {
      const tampered = bytes.slice()
      tampered[index] = (tampered[index] as number) ^ 0x01
      const error = await rejection(
        verifySignalWireWebhook({ url: VECTOR_A.url, body: tampered, headers, signingKey: VECTOR_A.signingKey }),
      )
      expect(error.reason).toBe('bad-signature')
    }
    const url = VECTOR_B.url
    for (let index = 'https://'.length; index < url.length; index++) {
      const char = url[index] as string
      const replacement = char === 'z' ? 'y' : /[a-z]/.test(char) ? 'z' : char === '1' ? '7' : 'q'
      const changed = url.slice(0, index) + replacement + url.slice(index + 1)
      const error = await rejection(verifyForm(changed, PARAMS, VECTOR_B.signature, VECTOR_B.signingKey))
      expect(error.reason, changed).toBe('bad-signature')
    }
    for (const changed of [url.replace('https', 'http'), url.replace('.com', '.com:8443')]) {
      const error = await rejection(verifyForm(changed, PARAMS, VECTOR_B.signature, VECTOR_B.signingKey))
      expect(error.reason).toBe('bad-signature')
    }
  })

  it('rejects every form parameter changed, added or dropped', async () => {
    const sign = (params: Record<string, string>) =>
      verifyForm(VECTOR_B.url, params, VECTOR_B.signature, VECTOR_B.signingKey)
    const variants: Record<string, string>[] = [{ ...PARAMS, Extra: '1' }]
    for (const name of Object.keys(PARAMS)) {
      const { [name]: _dropped, ...rest } = PARAMS as Record<string, string>
      variants.push(rest, { ...PARAMS, [name]: `${PARAMS[name as keyof typeof PARAMS]}0` })
    }
    for (const params of variants) expect((await rejection(sign(params))).reason).toBe('bad-signature')
  })

  it('refuses a signature of the URL alone for a JSON body without bodySHA256: it would accept any body', async () => {
    const headers = { 'content-type': JSON_TYPE, 'x-signalwire-signature': b64('k', 'https://example.com/hook') }
    const error = await rejection(
      verifySignalWireWebhook({ url: 'https://example.com/hook', body: '{"forged":true}', headers, signingKey: 'k' }),
    )
    expect(error.reason).toBe('bad-signature')
  })

  it('says when the signature was made for the https URL a proxy turned into http', async () => {
    const signature = b64('k', 'https://public.example.com/sms')
    const error = await rejection(verifyForm('http://public.example.com/sms', {}, signature, 'k'))
    expect(error.reason).toBe('bad-signature')
    expect(error.message).toContain('https://public.example.com/sms')
    expect(error.message).toContain('publicUrl')
  })

  it('says when the forwarding headers name the URL the signature was made for', async () => {
    const signature = b64('k', 'https://public.example.com/sms?x=1')
    const error = await rejection(
      verifySignalWireWebhook({
        url: 'http://localhost:3000/sms?x=1',
        body: '',
        headers: {
          'content-type': FORM,
          'x-signalwire-signature': signature,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'public.example.com',
        },
        signingKey: 'k',
      }),
    )
    expect(error.message).toContain('https://public.example.com/sms?x=1')
    const withCredentials = await rejection(
      verifyForm(
        'http://hook:s3cret@public.example.com/sms?x=1',
        {},
        b64('k', 'https://hook:s3cret@public.example.com/sms?x=1'),
        'k',
      ),
    )
    expect(withCredentials.message).toContain('https://public.example.com/sms?x=1')
    expect(withCredentials.message).not.toContain('s3cret')
    const plain = await rejection(verifyForm('http://localhost:3000/sms?x=1', {}, signature, 'k'))
    expect(plain.message).toMatch(/localhost:3000.*publicUrl/)
  })

  it('rejects a signed JSON body that is not an object as malformed', async () => {
    const body = '[1, 2]'
    const signature = createHmac('sha1', 'k').update(`https://example.com/hook${body}`).digest('hex')
    const headers = { 'content-type': JSON_TYPE, 'x-signalwire-signature': signature }
    const error = await rejection(
      verifySignalWireWebhook({ url: 'https://example.com/hook', body, headers, signingKey: 'k' }),
    )
    expect(error.reason).toBe('malformed')
  })

  it('refuses a parsed body, a relative URL and a missing signing key with a TypeError', async () => {
    const base = { url: VECTOR_A.url, body: VECTOR_A.body, headers: {}, signingKey: VECTOR_A.signingKey }
    const parsed = await verifySignalWireWebhook({ ...base, body: JSON.parse(VECTOR_A.body) as string }).catch(
      (caught: unknown) => caught,
    )
    expect(parsed).toBeInstanceOf(TypeError)
    expect(String(parsed)).toMatch(/express\.raw.*request\.text\(\)/s)
    await expect(verifySignalWireWebhook({ ...base, url: '/sms' })).rejects.toThrow(/option "url"/)
    await expect(verifySignalWireWebhook({ ...base, url: 'ftp://example.com/' })).rejects.toThrow(/http\(s\)/)
    await expect(verifySignalWireWebhook({ ...base, signingKey: '' })).rejects.toThrow(/signingKey/)
  })

  it('never shows the signing key in a message, a property, inspect() or toJSON()', async () => {
    const signingKey = 'PSK_never_shown_canary'
    const attempts = [
      verifySignalWireWebhook({ url: VECTOR_A.url, body: VECTOR_A.body, headers: {}, signingKey }),
      verifySignalWireWebhook({
        url: 'http://localhost/sms',
        body: 'a=1',
        headers: { 'x-signalwire-signature': 'abc=', 'x-forwarded-proto': 'https' },
        signingKey,
      }),
      verifySignalWireWebhook({
        url: VECTOR_A.url,
        body: VECTOR_A.body,
        headers: { 'x-signalwire-signature': 'x' },
        signingKey,
      }),
    ]
    for (const error of await Promise.all(attempts.map((attempt) => attempt.catch((caught: unknown) => caught)))) {
      expect(isWebhookVerificationError(error)).toBe(true)
      for (const text of [String(error), inspect(error), JSON.stringify(error)]) expect(text).not.toContain(signingKey)
    }
  })

  it('rejects random headers, bodies and URLs with a WebhookVerificationError only', async () => {
    const name = fc.constantFrom(
      'x-signalwire-signature',
      'x-twilio-signature',
      'content-type',
      'x-forwarded-proto',
      'x-forwarded-host',
      'forwarded',
    )
    const value = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[0-9a-f]{40}$/),
      fc.base64String(),
      fc.constantFrom(JSON_TYPE, FORM, 'https', 'proto=https;host=a.b'),
    )
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true }),
      fc.constantFrom(VECTOR_B.url, VECTOR_C.url, 'http://localhost:3000/sms?bodySHA256=zz'),
    )
    const body = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 256 }), fc.json())
    await fc.assert(
      fc.asyncProperty(url, fc.dictionary(name, value), body, async (url, headers, body) => {
        const error = await verifySignalWireWebhook({ url, body, headers, signingKey: 'k' }).catch(
          (caught: unknown) => caught,
        )
        expect(isWebhookVerificationError(error)).toBe(true)
      }),
      { numRuns: 100 },
    )
  }, 30_000)
})
