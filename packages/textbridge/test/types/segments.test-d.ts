import { describe, expectTypeOf, it } from 'vitest'
import {
  type CountSegmentsOptions,
  countSegments,
  type NonGsmCharacter,
  type SegmentCount,
  type SegmentPart,
  type SmsEncoding,
} from '../../src/index.js'
import { countSegments as standalone } from '../../src/segments.js'

describe('countSegments types', () => {
  it('answers a SegmentCount whose encoding is one of two words', () => {
    const s = countSegments('Hello', { smartEncoding: true })
    expectTypeOf(s).toEqualTypeOf<SegmentCount>()
    expectTypeOf(s.encoding).toEqualTypeOf<SmsEncoding>()
    expectTypeOf<SmsEncoding>().toEqualTypeOf<'GSM-7' | 'UCS-2'>()
    expectTypeOf(s.parts).toEqualTypeOf<SegmentPart[]>()
    expectTypeOf(s.nonGsm).toEqualTypeOf<NonGsmCharacter[]>()
    expectTypeOf(s.segments).toBeNumber()
    expectTypeOf(s.text).toBeString()
  })

  it('takes a string and an optional CountSegmentsOptions, the same from both entries', () => {
    expectTypeOf(standalone).toEqualTypeOf(countSegments)
    expectTypeOf(countSegments).parameter(1).toEqualTypeOf<CountSegmentsOptions | undefined>()
    // @ts-expect-error a number is not a text
    countSegments(42)
    // @ts-expect-error smartEncoding is a boolean
    countSegments('a', { smartEncoding: 'yes' })
    // @ts-expect-error no such option
    countSegments('a', { encoding: 'UCS-2' })
  })
})
