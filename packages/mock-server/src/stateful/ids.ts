// Ids in each provider's own format, new each time (random, so two mocks never clash).
import { randomBytes, randomUUID } from 'node:crypto'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `prefix` then `length` random letters and digits, e.g. Quo's `AC…`, TextUs's slugs. */
export function prefixedId(prefix: string, length: number): string {
  const bytes = randomBytes(length)
  let id = prefix
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length]
  return id
}

export function uuid(): string {
  return randomUUID()
}

/** A stable id for a key (a conversation's participants), so the same key gets the same id. */
export function stableId(cache: Map<string, string>, key: string, make: () => string): string {
  let id = cache.get(key)
  if (!id) {
    id = make()
    cache.set(key, id)
  }
  return id
}
