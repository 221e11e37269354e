// Counting a text as it would be sent, with no replacement: the part of countSegments that
// a messenger needs for every message (smart encoding stays out of its bundle).
import { clustersOf } from './graphemes.js'
import { septetsOf } from './gsm-alphabet.js'
import { gsmParts, ucs2Parts } from './parts.js'
import type { NonGsmCharacter, SegmentCount } from './types.js'

/** The segments of `text` exactly as given. */
export function countText(text: string): SegmentCount {
  let septets = 0
  for (let i = 0; i < text.length; i++) {
    const cost = septetsOf(text.charCodeAt(i))
    if (cost === 0) return ucs2Count(text, i)
    septets += cost
  }
  const parts = gsmParts(text, septets)
  return { encoding: 'GSM-7', segments: parts.length, units: septets, parts, nonGsm: [], text }
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
