import { clustersOf } from './graphemes.js'
import { septetsOf } from './gsm-alphabet.js'
import { gsmParts, ucs2Parts } from './parts.js'
import { smartEncode } from './smart-encoding.js'
import type { CountSegmentsOptions, NonGsmCharacter, SegmentCount } from './types.js'

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
  const sent = smartEncodingOf(options) ? smartEncode(text) : text
  let septets = 0
  for (let i = 0; i < sent.length; i++) {
    const cost = septetsOf(sent.charCodeAt(i))
    if (cost === 0) return ucs2Count(sent, i)
    septets += cost
  }
  const parts = gsmParts(sent, septets)
  return { encoding: 'GSM-7', segments: parts.length, units: septets, parts, nonGsm: [], text: sent }
}

/** `first` is the index of the first code unit GSM-7 cannot send. */
function ucs2Count(text: string, first: number): SegmentCount {
  const clusters = clustersOf(text)
  const nonGsm: NonGsmCharacter[] = []
  for (let i = first; i < text.length; i++) {
    if (septetsOf(text.charCodeAt(i)) !== 0) continue
    const cluster = clusters.containing(i) as { index: number; segment: string }
    nonGsm.push({ char: cluster.segment, index: cluster.index })
    i = cluster.index + cluster.segment.length - 1
  }
  const parts = ucs2Parts(text, clusters)
  return { encoding: 'UCS-2', segments: parts.length, units: text.length, parts, nonGsm, text }
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
