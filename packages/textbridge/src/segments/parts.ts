// A text cut into SMS segments. One segment carries 140 octets: 160 septets or 70 UTF-16
// code units. A concatenated message spends 6 octets of each on its header (UDH), which
// leaves 153 septets or 67 code units per part.

import { type Clusters, partEnd } from './graphemes.js'
import { septetsOf } from './gsm-alphabet.js'
import type { SegmentPart } from './types.js'

export const GSM_SINGLE = 160
export const GSM_PART = 153
export const UCS2_SINGLE = 70
export const UCS2_PART = 67

/** Parts of a GSM-7 text of `septets` in all: a part ends before a character that would not fit. */
export function gsmParts(text: string, septets: number): SegmentPart[] {
  if (septets <= GSM_SINGLE) return [{ text, units: septets }]
  const parts: SegmentPart[] = []
  let start = 0
  let units = 0
  for (let i = 0; i < text.length; i++) {
    const cost = septetsOf(text.charCodeAt(i))
    if (units + cost > GSM_PART) {
      parts.push({ text: text.slice(start, i), units })
      start = i
      units = 0
    }
    units += cost
  }
  parts.push({ text: text.slice(start), units })
  return parts
}

/** Parts of a UCS-2 text: each ends at a grapheme cluster boundary (see `partEnd`). */
export function ucs2Parts(text: string, clusters: Clusters): SegmentPart[] {
  if (text.length <= UCS2_SINGLE) return [{ text, units: text.length }]
  const parts: SegmentPart[] = []
  let start = 0
  while (text.length - start > UCS2_PART) {
    const end = partEnd(text, clusters, start, start + UCS2_PART)
    parts.push({ text: text.slice(start, end), units: end - start })
    start = end
  }
  parts.push({ text: text.slice(start), units: text.length - start })
  return parts
}
