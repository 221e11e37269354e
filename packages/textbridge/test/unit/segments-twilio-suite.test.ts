// Every case of the published test suite of Twilio's calculator, used as data: what the
// suite expects, what the calculator (1.3.0, run here) answers, and what we answer must agree.
// Sources, in github.com/TwilioDevEd/message-segment-calculator:
//   tests/index.test.js      (commit 29a4bc2f45655fc14246be06d5da7b15ba4d112d)
//   tests/segments.test.js   (commit 4c1e2687c5c669c8c89bf6ebfeb2a7c93eb7b5bb)
//   tests/methods.test.js    (commit 159c8383f3ab0d74ffb7c2c67cda13e61e39683e)
//   tests/charDetails.test.js (commit 24e62c80cc4a5f8fab633b687e4d664d0d8f7304)
// Sizes there are in bits (7 a septet, 16 a UCS-2 code unit; 48 for each part's header).
// index.test.js's TestDataMalaysia passes a country ('MY') that 1.3.0 does not take: it is
// the one case left as a named difference below.
import { describe, expect, it } from 'vitest'
import { countSegments } from '../../src/segments.js'
import { calculator, SmartEncodingMap } from '../support/twilio-calculator.js'

const digits = (length: number, from = 1) => Array.from({ length }, (_, i) => String((from + i) % 10)).join('')

/** tests/index.test.js, TestData: body, encoding, segments, messageSize and totalSize in bits. */
const BASIC = [
  ['GSM-7 in one segment', digits(160), 'GSM-7', 1, 1120, 1120],
  ['GSM-7 in two segments', digits(161), 'GSM-7', 2, 1127, 1223],
  ['GSM-7 in three segments', digits(307), 'GSM-7', 3, 2149, 2293],
  ['UCS-2 message in one segment', `😜${digits(68, 2)}`, 'UCS-2', 1, 1120, 1120],
  ['UCS-2 message in two segments', `😜${digits(69, 2)}`, 'UCS-2', 2, 1136, 1232],
  ['UCS-2 message in three segments', `😜${digits(133, 2)}`, 'UCS-2', 3, 2160, 2304],
  [
    'UCS-2 with two bytes extended characters in one segments boundary',
    `\u{1F1EE}\u{1F1F9}${digits(66, 2)}`,
    'UCS-2',
    1,
    1120,
    1120,
  ],
  [
    'UCS-2 with extended characters in two segments boundary',
    `\u{1F1EE}\u{1F1F9}${digits(67, 2)}`,
    'UCS-2',
    2,
    1136,
    1232,
  ],
  [
    'UCS-2 with four bytes extended characters in one segments boundary',
    `\u{1F3F3}\uFE0F\u200D\u{1F308}${digits(64, 2)}`,
    'UCS-2',
    1,
    1120,
    1120,
  ],
  [
    'UCS-2 with four bytes extended characters in two segments boundary',
    `\u{1F3F3}\uFE0F\u200D\u{1F308}${digits(65, 2)}`,
    'UCS-2',
    2,
    1136,
    1232,
  ],
] as const

const ESCAPES = ['|', '^', '€', '{', '}', '[', ']', '~', '\\']
const ONE_GRAPHEME_UCS2 = ['Á', 'Ú', 'ú', 'ç', 'í', 'Í', 'ó', 'Ó']

/** Bits in all, as the calculator counts them: a 48-bit header in each part of a concatenated text. */
function totalBits(s: ReturnType<typeof countSegments>) {
  return s.units * (s.encoding === 'GSM-7' ? 7 : 16) + (s.segments > 1 ? 48 * s.segments : 0)
}

describe("Twilio's calculator test suite: tests/index.test.js, basic tests", () => {
  it.each(BASIC)('%s', (_, body, encoding, segments, messageSize, totalSize) => {
    const ours = countSegments(body)
    const theirs = calculator(body)
    const bits = encoding === 'GSM-7' ? 7 : 16
    expect(ours).toMatchObject({ encoding, segments, units: messageSize / bits })
    expect(totalBits(ours)).toBe(totalSize)
    expect({ ...theirs, totalBits: theirs.totalBits }).toMatchObject({ encoding, segments, units: messageSize / bits })
    expect(ours.parts).toEqual(theirs.parts)
  })
})

describe("Twilio's calculator test suite: tests/index.test.js, TestDataMalaysia", () => {
  it('differs on purpose: no per-country rule (Malaysia sending é as UCS-2); 1.3.0 and we count GSM-7', () => {
    const body =
      'Hi I am john, this is my message in MY sms format é, this should generate to 2 segments and be formatted in UCS-2'
    expect(countSegments(body)).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 113 })
    expect(calculator(body)).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 113 })
  })
})

describe("Twilio's calculator test suite: tests/index.test.js, GSM-7 escape characters", () => {
  it.each(ESCAPES)('one segment with escape character %s', (escapeChar) => {
    const body = `${escapeChar}${digits(158)}`
    expect(countSegments(body)).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 1120 / 7 })
    expect(calculator(body)).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 1120 / 7 })
  })

  it.each(ESCAPES)('two segments with escape character %s', (escapeChar) => {
    const body = `${escapeChar}${digits(159)}`
    const ours = countSegments(body)
    expect(ours).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 1127 / 7 })
    expect(totalBits(ours)).toBe(1223)
    expect(ours.parts).toEqual(calculator(body).parts)
  })
})

describe("Twilio's calculator test suite: tests/index.test.js, one grapheme UCS-2 characters", () => {
  it.each(ONE_GRAPHEME_UCS2)('one segment, 70 characters of "%s", each non-GSM', (char) => {
    const ours = countSegments(char.repeat(70))
    expect(ours).toMatchObject({ encoding: 'UCS-2', segments: 1 })
    expect(ours.nonGsm.map((entry) => entry.char)).toEqual(Array(70).fill(char))
    expect(calculator(char.repeat(70)).nonGsm).toEqual(Array(70).fill(char))
  })

  it.each(ONE_GRAPHEME_UCS2)('two segments, 71 characters of "%s"', (char) => {
    expect(countSegments(char.repeat(71)).segments).toBe(2)
    expect(calculator(char.repeat(71)).segments).toBe(2)
  })
})

describe("Twilio's calculator test suite: tests/index.test.js, special and line-break tests", () => {
  it.each([
    ['UCS2 message with special GSM characters in one segment (its issue #18)', `😀${']'.repeat(68)}`, 1],
    ['UCS2 message with special GSM characters in two segment', `😀${']'.repeat(69)}`, 2],
    ['Triple accents characters - One Segment test (its issue #17)', `e\u0301\u0301\u0301${'a'.repeat(66)}`, 1],
    ['Triple accents characters - Two Segments test', `e\u0301\u0301\u0301${'a'.repeat(67)}`, 2],
  ])('%s', (_, body, segments) => {
    expect(countSegments(body).segments).toBe(segments)
    expect(calculator(body).segments).toBe(segments)
  })

  it.each([
    ['Message with CRLF line break style', '\rabcde\r\n123', 11],
    ['Message with LF line break style', '\nabcde\n\n123\n', 12],
  ])('%s: %# characters as septets', (_, body, characters) => {
    expect(countSegments(body)).toMatchObject({ encoding: 'GSM-7', units: characters })
    expect(calculator(body).units).toBe(characters)
  })

  it('Triple accents characters - Unicode test: one character, four code units', () => {
    const ours = countSegments('e\u0301\u0301\u0301')
    expect(ours).toMatchObject({ encoding: 'UCS-2', units: 4, nonGsm: [{ char: 'e\u0301\u0301\u0301', index: 0 }] })
    expect(calculator('e\u0301\u0301\u0301').nonGsm).toEqual(['e\u0301\u0301\u0301'])
  })
})

describe("Twilio's calculator test suite: tests/index.test.js, smart encoding", () => {
  const entries = Object.entries(SmartEncodingMap)

  it(`maps each of the ${entries.length} characters of the table with smart encoding on`, () => {
    for (const [char, replacement] of entries) {
      expect(countSegments(char, { smartEncoding: true }).text, `U+${char.charCodeAt(0).toString(16)}`).toBe(
        replacement,
      )
    }
  })

  it('modifies none of them with smart encoding off', () => {
    for (const [char] of entries) expect(countSegments(char).text).toBe(char)
  })

  it('replaces them all at once', () => {
    const all = entries.map(([char]) => char).join('')
    const expected = entries.map(([, replacement]) => replacement).join('')
    expect(countSegments(all, { smartEncoding: true }).text).toBe(expected)
    expect(calculator(all, true).graphemes.join('')).toBe(expected)
  })
})

describe("Twilio's calculator test suite: tests/segments.test.js and tests/methods.test.js", () => {
  it('GSM-7 segments analysis: 307 digits, the last part holds one character, "7"', () => {
    const parts = countSegments(digits(307)).parts
    expect(parts).toHaveLength(3)
    expect(parts[2]).toEqual({ text: '7', units: 1 })
  })

  it('UCS-2 segments analysis: the last part holds one character, "4"', () => {
    const parts = countSegments(`😜${digits(133, 2)}`).parts
    expect(parts).toHaveLength(3)
    expect(parts[2]).toEqual({ text: '4', units: 1 })
  })

  it('getNonGsmCharacters(): "más" → ["á"]', () => {
    expect(countSegments('más').nonGsm).toEqual([{ char: 'á', index: 1 }])
    expect(calculator('más').nonGsm).toEqual(['á'])
  })
})

describe("Twilio's calculator test suite: tests/charDetails.test.js", () => {
  it('GSM-7 message "AB"', () => {
    expect(countSegments('AB')).toMatchObject({ encoding: 'GSM-7', units: 2, nonGsm: [] })
  })

  it('UCS-2 message "@😀": the "@" costs one UTF-16 code unit, the emoji is non-GSM', () => {
    expect(countSegments('@😀')).toMatchObject({ encoding: 'UCS-2', units: 3, nonGsm: [{ char: '😀', index: 1 }] })
  })

  it('161 × "A": the first part ends after 153 characters', () => {
    expect(countSegments('A'.repeat(161)).parts.map((part) => part.text.length)).toEqual([153, 8])
  })

  it('empty message: no characters', () => {
    expect(countSegments('')).toMatchObject({ units: 0, nonGsm: [], parts: [{ text: '', units: 0 }] })
    expect(calculator('')).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 0 })
  })

  it('GSM extension chars count as 1 unit each in UCS-2 mode (its issue #57)', () => {
    const body = '||||||||||||||||||||||||{||||||||||||||||||||||||||||∞||||||||||^|||||'
    expect(countSegments(body)).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 })
    expect(calculator(body)).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 })
  })
})
