import { countText } from './count.js'
import { smartEncode } from './smart-encoding.js'
import type { CountSegmentsOptions, SegmentCount } from './types.js'

/**
 * What a text costs as SMS before it is sent: GSM-7 or UCS-2, how many segments, and the
 * characters that forced UCS-2 (one of them makes the whole text UCS-2, at 70 or 67 code
 * units a segment instead of 160 or 153 septets).
 *
 * @example
 * countSegments('Hello “world” 😜').encoding // 'UCS-2'
 * countSegments('Hello “world”', { smartEncoding: true }).text // 'Hello "world"', GSM-7
 */
export function countSegments(text: string, options?: CountSegmentsOptions): SegmentCount {
  if (typeof text !== 'string') {
    throw new TypeError(`countSegments: text must be a string, got ${text === null ? 'null' : typeof text}`)
  }
  return countText(smartEncodingOf(options) ? smartEncode(text) : text)
}

function smartEncodingOf(options: CountSegmentsOptions | undefined): boolean {
  if (options === undefined) return false
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`countSegments: options must be an object, got ${options === null ? 'null' : typeof options}`)
  }
  for (const key in options) {
    if (key !== 'smartEncoding') throw new TypeError(`countSegments: unknown option "${key}" (known: smartEncoding)`)
  }
  const { smartEncoding = false } = options
  if (typeof smartEncoding !== 'boolean') {
    throw new TypeError(`countSegments: smartEncoding must be a boolean, got ${typeof smartEncoding}`)
  }
  return smartEncoding
}
