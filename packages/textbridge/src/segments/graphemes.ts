// Grapheme clusters (flags, ZWJ sequences, a letter and its combining marks), from the
// runtime's Intl.Segmenter: the current Unicode rules, the ones phones draw by.

let segmenter: Intl.Segmenter | undefined

/** The text's clusters, to look up the one at an index (`containing`). */
export function clustersOf(text: string): Intl.Segments {
  if (segmenter === undefined) segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return segmenter.segment(text)
}

/**
 * Where a part that may reach `limit` (exclusive) ends: the last cluster boundary at or before
 * it, after `start`. CR LF is one cluster to Unicode but two characters to a handset, so a
 * part may end between them, as in Twilio's calculator. A cluster longer than a whole part
 * has to be cut: then at a code point, never inside a surrogate pair.
 */
export function partEnd(text: string, clusters: Intl.Segments, start: number, limit: number): number {
  const cluster = clusters.containing(limit)
  if (cluster === undefined || cluster.index === limit) return limit
  if (cluster.segment === '\r\n') return limit
  if (cluster.index > start) return cluster.index
  const high = text.charCodeAt(limit - 1)
  const low = text.charCodeAt(limit)
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? limit - 1 : limit
}
