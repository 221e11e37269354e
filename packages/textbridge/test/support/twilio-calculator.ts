// Twilio's calculator (npm sms-segments-calculator 1.3.0), read into the shape of our
// countSegments result, to test against.
import { SegmentedMessage } from 'sms-segments-calculator'
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap.js'

export { SmartEncodingMap }

interface CalculatorChar {
  raw?: string
  isUserDataHeader?: boolean
  sizeInBits(): number
}

export interface CalculatorAnswer {
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  units: number
  parts: { text: string; units: number }[]
  nonGsm: string[]
  /** The calculator's grapheme clusters (grapheme-splitter's rules, CR LF as two). */
  graphemes: string[]
  /** Bits in all, the concatenation headers included. */
  totalBits: number
}

export function calculator(text: string, smartEncoding = false): CalculatorAnswer {
  const message = new SegmentedMessage(text, 'auto', smartEncoding)
  const bits = message.encodingName === 'GSM-7' ? 7 : 16
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    units: message.messageSize / bits,
    parts: message.segments.map((segment) => {
      // A copy first: a Segment is an Array subclass whose constructor adds headers.
      const chars = Array.from(segment as unknown as CalculatorChar[]).filter((char) => !char.isUserDataHeader)
      return {
        text: chars.map((char) => char.raw).join(''),
        units: chars.reduce((sum, char) => sum + char.sizeInBits(), 0) / bits,
      }
    }),
    nonGsm: message.getNonGsmCharacters(),
    graphemes: message.graphemes,
    totalBits: message.totalSize,
  }
}
