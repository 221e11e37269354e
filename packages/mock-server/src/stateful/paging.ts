// Page tokens that name the last message of the page before, so a page stays where it was
// while newer messages arrive, and the last page says so with `null`.

export interface Page<T> {
  items: T[]
  total: number
  /** null on the last page. */
  next: string | null
}

/** The page after `token` of `items` (each with an `id`); throws RangeError for a token not given out here. */
export function pageOf<T extends { id: string }>(
  items: readonly T[],
  size: number,
  token: string | undefined,
): Page<T> {
  let start = 0
  if (token !== undefined) {
    const after = decode(token)
    const index = after === undefined ? -1 : items.findIndex((item) => item.id === after)
    if (index === -1) throw new RangeError(`the page token "${token}" was not given out by this mock for this query`)
    start = index + 1
  }
  const page = items.slice(start, start + size)
  const last = page.at(-1)
  const next = start + size < items.length && last ? encode(last.id) : null
  return { items: page, total: items.length, next }
}

function encode(id: string): string {
  return Buffer.from(`after:${id}`).toString('base64url')
}

function decode(token: string): string | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8')
  return text.startsWith('after:') ? text.slice(6) : undefined
}
