// The facade's validation must give the same verdict as the provider's spec (as the mock
// enforces it) on the same inputs: accept what the spec accepts, reject what it rejects.
import { type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkQuoSend, quoSendBodies } from '../../src/adapters/quo.js'
import { checkSignalWireSend, signalWireSendBodies } from '../../src/adapters/signalwire.js'
import { checkTextUsSend, textUsSendBody } from '../../src/adapters/textus.js'
import { ValidationError } from '../../src/index.js'
import { e164, number, text, url } from '../support/arbitraries.js'
import { FROM } from '../support/fixtures.js'

const RUNS = 600
const SEED = 20261123

interface Setup {
  headers: Record<string, string>
  path: string
  check: (input: unknown) => void
  bodies: (input: Record<string, unknown>) => unknown[]
}

async function verdicts(mock: MockServer, setup: Setup, input: Record<string, unknown>) {
  let facade = true
  try {
    setup.check(input)
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    facade = false
  }
  let spec = true
  for (const body of setup.bodies(input)) {
    const response = await fetch(`${mock.url}${setup.path}`, {
      method: 'POST',
      headers: setup.headers,
      body: JSON.stringify(body),
    })
    await response.arrayBuffer()
    if (violationsOf(response).some((v) => v.location[0] === 'request')) spec = false
  }
  return { facade, spec }
}

async function agree(provider: string, setup: Setup, inputs: fc.Arbitrary<Record<string, unknown>>) {
  const mock = await startMock({ provider })
  const tally = { accepted: 0, rejected: 0 }
  try {
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const { facade, spec } = await verdicts(mock, setup, input)
        if (facade !== spec) {
          throw new Error(`facade ${facade ? 'accepts' : 'rejects'} but the spec ${spec ? 'accepts' : 'rejects'}`)
        }
        tally[spec ? 'accepted' : 'rejected']++
      }),
      { numRuns: RUNS, seed: SEED },
    )
  } finally {
    await mock.close()
  }
  return tally
}

/** Both verdicts must be common, or the property tells nothing. */
function expectBalanced(tally: { accepted: number; rejected: number }) {
  expect(tally.accepted + tally.rejected).toBeGreaterThanOrEqual(RUNS)
  expect(tally.accepted).toBeGreaterThan(RUNS * 0.15)
  expect(tally.rejected).toBeGreaterThan(RUNS * 0.15)
}

// Absent `absent` times in `absent + present`: each optional field adds its own ways to be wrong.
const optional = <T>(arbitrary: fc.Arbitrary<T>, absent = 1, present = 1) =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary })
const compact = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Record<string, unknown>

describe('validation agrees with the spec (differential, against the mocks)', { timeout: 30_000 }, () => {
  it(`Quo: ${RUNS} generated sends, one recipient or a group`, async () => {
    const single = fc.record({
      to: number,
      text,
      from: optional(fc.oneof(e164, fc.constantFrom('PN123abc', 'PN', 'OP123', '+05551', 'PN\nx'))),
      userId: optional(fc.constantFrom('US1', 'US', 'UX1', '')),
      setInboxStatus: optional(fc.constantFrom('done', 'open')),
    })
    const group = fc.record({
      to: fc.array(number, { minLength: 0, maxLength: 12 }),
      text,
      delivery: fc.constant('group'),
    })
    const tally = await agree(
      'quo',
      {
        path: '/v1/messages',
        headers: { authorization: 'key', 'content-type': 'application/json' },
        check: checkQuoSend,
        bodies: (input) => quoSendBodies(input, { from: FROM }),
      },
      fc.oneof(single, group).map(compact),
    )
    expectBalanced(tally)
  })

  it(`SignalWire: ${RUNS} generated sends`, async () => {
    const inputs = fc
      .record({
        to: fc.oneof(number, fc.constantFrom('988', '+988', '+12345', '+123456789012345678', '12345')),
        text: optional(text, 1, 4),
        media: optional(fc.oneof(fc.array(url, { maxLength: 2 }), fc.array(url, { minLength: 7, maxLength: 10 })), 2),
        from: optional(fc.oneof(e164, fc.constantFrom('12345', '123456', '1234', '+1234', 'SENDER'))),
        statusCallback: optional(url, 3),
        sendAsMms: optional(fc.boolean()),
      })
      .map(compact)
    const tally = await agree(
      'signalwire',
      {
        path: '/api/messaging/messages',
        headers: { authorization: 'Basic cDp0', 'content-type': 'application/json' },
        check: checkSignalWireSend,
        bodies: (input) => signalWireSendBodies(input, { from: FROM }),
      },
      inputs,
    )
    expectBalanced(tally)
  })

  it(`TextUs: ${RUNS} generated sends, text or WhatsApp template, one recipient or several`, async () => {
    const to = fc.oneof(
      { weight: 2, arbitrary: number },
      { weight: 1, arbitrary: fc.uniqueArray(number, { minLength: 0, maxLength: 3 }) },
    )
    const textInput = fc.record({
      to,
      text: optional(text, 1, 5),
      media: optional(
        fc.array(
          fc.oneof(url, fc.record({ url, contentType: fc.constantFrom('image/png', 'video/mp4', 'text/vcard') })),
          { maxLength: 2 },
        ),
        2,
      ),
      channel: optional(fc.constantFrom('sms', 'whatsapp', 'fax'), 2),
      savedReply: optional(fc.constantFrom('/saved_replies/QxvonQv', 'QxvonQv', '/saved_replies/'), 3),
    })
    const templateInput = fc.record({
      to,
      template: fc.record({
        id: fc.constantFrom('dkDdrbR', '', ' '),
        variables: optional(
          fc.dictionary(fc.constantFrom('appt_date', 'appt_time'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer())),
        ),
      }),
      channel: optional(fc.constantFrom('whatsapp', 'sms')),
    })
    const tally = await agree(
      'textus',
      {
        path: '/my_account/messages',
        headers: { authorization: 'Bearer t', 'content-type': 'application/vnd.textus+jsonld' },
        // A broadcast is one request too, with every recipient.
        check: (input) => checkTextUsSend(input, Array.isArray((input as { to?: unknown }).to) ? 'broadcast' : 'send'),
        bodies: (input) => [textUsSendBody(input)],
      },
      fc.oneof(textInput, templateInput).map(compact),
    )
    expectBalanced(tally)
  })
})
