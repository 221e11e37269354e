// Grapheme clusters (flags, ZWJ sequences, a letter and its combining marks), from the
// runtime's Intl.Segmenter: the current Unicode rules, the ones phones draw by.

/** The clusters of one text: the one at an index. `Intl.Segments` is one. */
export interface Clusters {
  containing(index: number): { index: number; segment: string } | undefined
}

let segmenter: Intl.Segmenter | undefined

/** The text's clusters, to look up the one at an index. */
export function clustersOf(text: string): Clusters {
  if (typeof Intl.Segmenter !== 'function') return codePointClusters(text)
  if (segmenter === undefined) segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return segmenter.segment(text)
}

const MARK = /^\p{M}/u

/**
 * Where the runtime has no Intl.Segmenter (an engine older than Unicode's rules in ICU): a
 * code point and the combining marks after it. Never a split surrogate pair or a letter torn
 * from its accent; a ZWJ sequence or a flag may then be split.
 */
function codePointClusters(text: string): Clusters {
  const startOf = (index: number) => (pairAt(text, index - 1) ? index - 1 : index)
  const after = (index: number) => (pairAt(text, index) ? index + 2 : index + 1)
  return {
    containing(index) {
      if (index < 0 || index >= text.length) return undefined
      let start = startOf(index)
      while (start > 0 && MARK.test(text.slice(start, after(start)))) start = startOf(start - 1)
      let end = after(start)
      while (end < text.length && MARK.test(text.slice(end, after(end)))) end = after(end)
      return { index: start, segment: text.slice(start, end) }
    },
  }
}

/** True where a surrogate pair starts at `index` (one code point above U+FFFF). */
function pairAt(text: string, index: number): boolean {
  return (text.codePointAt(index) ?? 0) > 0xffff
}

/**
 * Where a part that may reach `limit` (exclusive) ends: the last cluster boundary at or before
 * it, after `start`. CR LF is one cluster to Unicode but two characters to a handset, so a
 * part may end between them, as in Twilio's calculator. A cluster longer than a whole part
 * has to be cut: then at a code point, never inside a surrogate pair.
 */
export function partEnd(text: string, clusters: Clusters, start: number, limit: number): number {
  const cluster = clusters.containing(limit)
  if (cluster === undefined || cluster.index === limit) return limit
  if (cluster.segment === '\r\n') return limit
  if (cluster.index > start) return cluster.index
  return pairAt(text, limit - 1) ? limit - 1 : limit
}
