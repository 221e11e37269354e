/** What a request asks of the mock through its `Prefer` header (Prism's conventions). */
export interface Preferences {
  /** Answer with this documented status, e.g. `Prefer: code=401`. */
  code?: number
  /** Generate a random, schema-valid body instead of the documented example. */
  dynamic?: boolean
  /** Seed for `dynamic`, so a generated body can be had again. */
  seed?: string
  /** Answer with this named example. */
  example?: string
}

/** Parses `Prefer: code=401, dynamic=true, seed=7`; throws a message for a value Prism would refuse. */
export function parsePrefer(header: string | undefined): Preferences {
  const preferences: Preferences = {}
  if (!header) return preferences
  for (const part of header.split(/[,;]/)) {
    const [rawKey, ...rest] = part.split('=')
    const key = rawKey?.trim().toLowerCase()
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (!key) continue
    if (key === 'code') {
      if (!/^\d{3}$/.test(value)) throw new Error(`Prefer code must be a three-digit status, got "${value}"`)
      preferences.code = Number(value)
    } else if (key === 'dynamic') {
      if (value !== 'true' && value !== 'false') throw new Error(`Prefer dynamic must be true or false, got "${value}"`)
      preferences.dynamic = value === 'true'
    } else if (key === 'seed') {
      preferences.seed = value
    } else if (key === 'example') {
      preferences.example = value
    }
  }
  return preferences
}
