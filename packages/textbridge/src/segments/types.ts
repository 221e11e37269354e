/** How a text is sent: GSM-7 (7-bit septets) or UCS-2 (UTF-16 code units) for anything else. */
export type SmsEncoding = 'GSM-7' | 'UCS-2'

/** One SMS segment of a text. */
export interface SegmentPart {
  /** The characters this segment carries. */
  text: string
  /** Its size: septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number
}

/** A character that GSM-7 cannot send, which makes the whole text UCS-2. */
export interface NonGsmCharacter {
  /** The whole grapheme cluster: an emoji with its modifiers, a letter with its combining marks. */
  char: string
  /** Where it starts in `text` (the text that would be sent), in UTF-16 code units. */
  index: number
}

/** What a text costs: its encoding and its segments, as carriers count them. */
export interface SegmentCount {
  encoding: SmsEncoding
  /** How many SMS segments it is sent as (an empty text is one, as Twilio's calculator counts it). */
  segments: number
  /** Its size in all, without the concatenation headers: septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number
  /** One per segment, in order; `parts.map((part) => part.text).join('')` is `text`. */
  parts: SegmentPart[]
  /** The characters that forced UCS-2, in order; empty for GSM-7. */
  nonGsm: NonGsmCharacter[]
  /** The text that would be sent: the input, with look-alikes replaced under `smartEncoding`. */
  text: string
}

export interface CountSegmentsOptions {
  /**
   * Replace look-alike characters (curly quotes, dashes, the ellipsis, odd spaces, …) by GSM-7
   * ones before counting, by Twilio's Smart Encoding table. `text` of the result is the text
   * with them replaced. @default false
   */
  smartEncoding?: boolean
}
