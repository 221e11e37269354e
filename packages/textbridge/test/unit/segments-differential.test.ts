// countSegments against Twilio's calculator (sms-segments-calculator 1.3.0) on random texts:
// encoding, segment count, units, parts and the non-GSM characters must agree. The one
// difference on purpose is where grapheme clusters end: the calculator splits them by
// grapheme-splitter's older rules, we by Intl.Segmenter's current ones (❤️‍🔥 and
// 🧑‍🤝‍🧑 are one character on a phone, two or three to the calculator). For such a text
// encoding and units must still agree, and when the segment counts differ, the calculator's
// own segmentation run on our clusters must give ours. Named cases are at the end.
import fc from 'fast-check'
import { SegmentedMessage } from 'sms-segments-calculator'
import UnicodeToGsm from 'sms-segments-calculator/dist/libs/UnicodeToGSM.js'
import { describe, expect, it } from 'vitest'
import { countSegments } from '../../src/segments.js'
import { calculator, SmartEncodingMap } from '../support/twilio-calculator.js'

const RUNS = 10_000
const SEED = 13

const gsmTable = UnicodeToGsm as unknown as Record<string, number[]>
const gsmCodes = Object.keys(gsmTable).map(Number)
const GSM_BASIC = gsmCodes.filter((code) => gsmTable[code]?.length === 1).map((code) => String.fromCharCode(code))
const GSM_EXTENSION = gsmCodes.filter((code) => gsmTable[code]?.length === 2).map((code) => String.fromCharCode(code))
const ACCENTED = [...'áíóúçâêîôûãõőűłśźżčšžřÁÍÓÚÇÂÊÔ']
const OTHER_SCRIPTS = [...'ПриветмирΑαβγ你好世界こんにちはمرحباשלום']
const EMOJI = ['😜', '😀', '👍', '🔥', '🎉', '🚀', '👍🏽', '👋🏿', '🇮🇹', '🇺🇸', '☺️', '❤️', '✨', '☀', '1️⃣']
const ZWJ_SEQUENCES = ['👨‍👩‍👧', '🏳️‍🌈', '👩🏽‍💻', '🧔‍♂️', '❤️‍🔥', '🧑‍🤝‍🧑', '🏴‍☠️', '🫱🏻‍🫲🏼']
const COMBINING = ['e\u0301', 'a\u0308\u0301', 'n\u0303', 'o\u0302\u0323', '\u0301', '\u0308', 'क्षि', 'ก\u0e33']
const JOINERS = ['\u200d', '\ufe0f', '\u200c']
const LINE_BREAKS = ['\n', '\r\n', '\r']
const LOOK_ALIKES = Object.keys(SmartEncodingMap)

const pick = (pool: readonly string[]) => fc.constantFrom(...pool)
const gsmPiece = fc.oneof(
  { weight: 12, arbitrary: pick(GSM_BASIC) },
  { weight: 2, arbitrary: pick(GSM_EXTENSION) },
  { weight: 1, arbitrary: pick(LINE_BREAKS) },
)
const otherPiece = fc.oneof(
  pick(ACCENTED),
  pick(OTHER_SCRIPTS),
  pick(EMOJI),
  pick(ZWJ_SEQUENCES),
  pick(COMBINING),
  pick(JOINERS),
  pick(LOOK_ALIKES),
)

/**
 * Lengths 0–2,000, most of them short: the calculator takes about 5 µs a character, and the
 * boundaries that matter (one, two and three segments) are below 460.
 */
const maxLength = fc.oneof(
  { weight: 150, arbitrary: fc.integer({ min: 0, max: 80 }) },
  { weight: 44, arbitrary: fc.integer({ min: 80, max: 240 }) },
  { weight: 5, arbitrary: fc.integer({ min: 240, max: 1000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 2000 }) },
)

/** GSM-7 only, GSM-7 with a few others, or anything: a text of at most `max` code units. */
const text = fc.tuple(maxLength, fc.constantFrom(0, 0.03, 0.5)).chain(([max, share]) =>
  fc
    .array(
      share === 0
        ? gsmPiece
        : fc.oneof({ weight: 1, arbitrary: otherPiece }, { weight: Math.round(1 / share), arbitrary: gsmPiece }),
      {
        minLength: max,
        maxLength: max,
      },
    )
    .map((pieces) => {
      let out = ''
      for (const piece of pieces) {
        if (out.length + piece.length > max) break
        out += piece
      }
      return out
    }),
)

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
/** Our clusters, CR LF as two characters as the calculator has them. */
function clustersOf(value: string): string[] {
  return [...segmenter.segment(value)].flatMap(({ segment }) => (segment === '\r\n' ? ['\r', '\n'] : [segment]))
}

/** The calculator's segmentation run on clusters we give it (its own methods, its own sizes). */
function calculatorOnClusters(clusters: string[], encoding: 'GSM-7' | 'UCS-2') {
  const message = Object.create(SegmentedMessage.prototype) as SegmentedMessage
  message.encodingName = encoding
  message.segments = message._buildSegments(message._encodeChars(clusters))
  return { segments: message.segmentsCount, units: message.messageSize / (encoding === 'GSM-7' ? 7 : 16) }
}

describe('countSegments against the calculator, differentially (fast-check, seeded)', () => {
  it(`agrees on encoding, segments, units, parts and non-GSM characters of ${RUNS.toLocaleString('en-US')} random texts`, {
    timeout: 30_000,
  }, () => {
    const seen = { gsm: 0, ucs2: 0, multipart: 0, otherClusters: 0, otherCount: 0, smart: 0 }
    fc.assert(
      fc.property(text, fc.boolean(), (body, smartEncoding) => {
        const ours = countSegments(body, { smartEncoding })
        const theirs = calculator(body, smartEncoding)
        expect(ours.text).toBe(theirs.graphemes.join(''))
        expect(ours.encoding).toBe(theirs.encoding)
        expect(ours.units).toBe(theirs.units)
        const clusters = clustersOf(ours.text)
        if (clusters.join('\u0000') === theirs.graphemes.join('\u0000')) {
          expect(ours.segments).toBe(theirs.segments)
          expect(ours.parts).toEqual(theirs.parts)
          expect(ours.nonGsm.map((entry) => entry.char)).toEqual(theirs.nonGsm)
        } else {
          seen.otherClusters++
          if (ours.segments !== theirs.segments) {
            seen.otherCount++
            expect({ segments: ours.segments, units: ours.units }).toEqual(
              calculatorOnClusters(clusters, ours.encoding),
            )
          }
        }
        seen[ours.encoding === 'GSM-7' ? 'gsm' : 'ucs2']++
        if (ours.segments > 1) seen.multipart++
        if (smartEncoding && ours.text !== body) seen.smart++
      }),
      { numRuns: RUNS, seed: SEED },
    )
    // The generator reaches every case it is for.
    expect(seen.gsm).toBeGreaterThan(RUNS / 5)
    expect(seen.ucs2).toBeGreaterThan(RUNS / 5)
    expect(seen.multipart).toBeGreaterThan(RUNS / 5)
    expect(seen.otherCount).toBeGreaterThan(0)
    expect(seen.smart).toBeGreaterThan(0)
  })
})

describe('where countSegments and the calculator differ on purpose', () => {
  const partsOf = (body: string) => countSegments(body).parts.map((part) => part.units)
  const theirPartsOf = (body: string) => calculator(body).parts.map((part) => part.units)

  it('keeps a newer ZWJ sequence (❤️‍🔥) whole where the calculator splits it after the ZWJ', () => {
    const body = `${'á'.repeat(63)}❤️‍🔥${'á'.repeat(63)}`
    expect(partsOf(body)).toEqual([63, 67, 1])
    expect(theirPartsOf(body)).toEqual([66, 65])
  })

  it('keeps an Indic conjunct (क्षि, Unicode 15.1 rule GB9c) whole where the calculator splits it', () => {
    const body = `${'á'.repeat(64)}क्षि${'á'.repeat(64)}`
    expect(partsOf(body)).toEqual([64, 67, 1])
    expect(theirPartsOf(body)).toEqual([66, 66])
  })

  it('cuts a cluster longer than a part at a code point, where the calculator leaves an empty segment and an oversized one', () => {
    const body = `a${'\u0301'.repeat(100)}`
    expect(partsOf(body)).toEqual([67, 34])
    expect(theirPartsOf(body)).toEqual([0, 101])
  })
})
