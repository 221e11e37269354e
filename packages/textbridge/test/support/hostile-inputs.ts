// Inputs no facade call may accept: a valid call with one to three things broken in it —
// wrong types, huge strings, odd Unicode, prototype keys, numbers where strings go.
import fc from 'fast-check'
import type { Provider } from '../../src/index.js'

const NUMBER: Record<Provider, RegExp> = {
  quo: /^\+[1-9]\d{1,14}$/,
  signalwire: /^(\+[0-9]{5,17}|\+?988)$/,
  textus: /^\+[1-9]\d{1,14}$/,
}

const huge = fc.integer({ min: 100_000, max: 400_000 }).map((length) => '9'.repeat(length))
const oddUnicode = fc.constantFrom(
  '\u202e+15555550123',
  '+１５５５５５５０１２３',
  '+1555\u200b5550123',
  '+15555550123\u0000',
  '\ud800\udc00',
  '\ud800',
  'e\u0301\u0301\u0301',
  '\u{1F600}',
)
/** Not a string at all. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
)
const blank = fc.constantFrom('', ' ', '\n\t ', '\u3000', '\ufeff', '\u00a0\u2003')
/** Strings that are not a phone number of the provider's form. */
const badNumber = (provider: Provider) =>
  fc
    .oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 30 }), huge, oddUnicode)
    .filter((s) => !NUMBER[provider].test(s))
/** Own keys no input has: prototype names, and any other. */
const strangeKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter(
      (key) =>
        ![
          'to',
          'text',
          'media',
          'from',
          'channel',
          'template',
          'delivery',
          'userId',
          'setInboxStatus',
          'savedReply',
          'statusCallback',
          'sendAsMms',
          'participants',
          'phoneNumberId',
          'createdAfter',
          'createdBefore',
        ].includes(key),
    ),
)
const withKey = <T extends object>(value: T, key: string, extra: unknown): T =>
  ({ ...value, ...JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(extra ?? null)}}`) }) as T

/** Call options no call may accept. */
const badOptions = fc.oneof(
  fc.constantFrom<unknown>('fast', 42, null, [1]),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, '100').map((timeoutMs) => ({ timeoutMs })),
  fc.constant({ signal: 'stop' }),
  fc.constantFrom(-1, 1.5, '2').map((retries) => ({ retry: { retries } })),
  fc.constant({ retry: { attempts: 3 } }),
  strangeKey.map((key) => withKey({}, key, 1)),
)

type Broken<T> = fc.Arbitrary<T>
type Mutation<T> = fc.Arbitrary<(value: T) => T>

/** Applies one to three of the mutations to the valid base. */
function broken<T>(base: T, mutations: Mutation<T>[]): Broken<T> {
  return fc
    .array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 })
    .map((chosen) => chosen.reduce((value, mutate) => mutate(value), base))
}

interface CallInput {
  input: unknown
  options: unknown
}

export function brokenSend(provider: Provider, method: 'send' | 'broadcast'): Broken<CallInput> {
  const base: CallInput = {
    input: { to: method === 'send' ? '+15555550123' : ['+15555550123', '+15555550124'], text: 'Hello' },
    options: undefined,
  }
  const input = (change: (input: Record<string, unknown>) => unknown) => (call: CallInput) => ({
    ...call,
    input:
      typeof call.input === 'object' && call.input !== null && !Array.isArray(call.input)
        ? change(call.input as Record<string, unknown>)
        : call.input,
  })
  const badTo =
    method === 'send'
      ? fc.oneof(wrongType, badNumber(provider))
      : fc.oneof(
          fc.oneof(
            wrongType.filter((v) => !Array.isArray(v)),
            badNumber(provider),
          ),
          fc.constant([]),
          fc.array(fc.oneof(wrongType, badNumber(provider)), { minLength: 1, maxLength: 4 }),
          fc.constant(['+15555550123', '+15555550123']),
        )
  const badText =
    provider === 'textus'
      ? fc.oneof(wrongType, blank)
      : fc.oneof(
          wrongType,
          blank,
          huge.map((s) => `a${s}`),
        )
  return broken(base, [
    fc.oneof(wrongType, fc.string()).map((value) => (call: CallInput) => ({ ...call, input: value })),
    badTo.map((to) => input((value) => ({ ...value, to }))),
    badText.map((text) => input((value) => ({ ...value, text }))),
    fc.constant(input(({ text: _, ...rest }) => rest)),
    fc.tuple(strangeKey, wrongType).map(([key, extra]) => input((value) => withKey(value, key, extra))),
    badOptions.map((options) => (call: CallInput) => ({ ...call, options })),
  ])
}

export const brokenGet: Broken<{ id: unknown; options: unknown }> = broken(
  { id: 'AC123abc' as unknown, options: undefined as unknown },
  [
    fc
      .oneof(
        wrongType,
        fc.oneof(fc.string(), huge, oddUnicode).filter((s) => !/^AC(.*)$/.test(s)),
      )
      .map((id) => (call) => ({ ...call, id })),
    badOptions.map((options) => (call) => ({ ...call, options })),
  ],
)

export const brokenList: Broken<{ query: unknown; options: unknown }> = (() => {
  const query =
    (change: (query: Record<string, unknown>) => unknown) => (call: { query: unknown; options: unknown }) => ({
      ...call,
      query:
        typeof call.query === 'object' && call.query !== null && !Array.isArray(call.query)
          ? change(call.query as Record<string, unknown>)
          : call.query,
    })
  return broken({ query: { participants: ['+15555550123'] } as unknown, options: undefined as unknown }, [
    fc.oneof(wrongType, fc.string()).map((value) => (call) => ({ ...call, query: value })),
    fc
      .oneof(
        wrongType,
        fc.constant([]),
        fc.array(badNumber('quo'), { minLength: 1, maxLength: 3 }),
        fc.constant(Array.from({ length: 11 }, (_, i) => `+1555555000${i}`)),
      )
      .map((participants) => query((value) => ({ ...value, participants }))),
    fc
      .oneof(
        wrongType,
        fc.string().filter((s) => !/^PN(.*)$/.test(s)),
      )
      .map((phoneNumberId) => query((value) => ({ ...value, phoneNumberId }))),
    fc
      .constantFrom<unknown>('yesterday', 42, new Date(Number.NaN), '2022-01-01')
      .map((createdAfter) => query((value) => ({ ...value, createdAfter }))),
    fc.constant(query(({ participants: _, ...rest }) => rest)),
    fc.tuple(strangeKey, wrongType).map(([key, extra]) => query((value) => withKey(value, key, extra))),
    fc
      .oneof(
        fc.constantFrom(0, 101, 1.5, Number.NaN, '10').map((maxResults) => ({ maxResults })),
        fc.constantFrom(0, -1, 0.5).map((limit) => ({ limit })),
        badOptions,
      )
      .map((options) => (call) => ({ ...call, options })),
  ])
})()
