// Paging through a list: page after page until the provider says there is no next one, the
// caller's limit is reached, or (a server fault) a page token comes back a second time.

export interface Page<T> {
  items: T[]
  /** The next page's token; none ends the list. */
  next: string | undefined
}

/** Yields every item of every page; `repeated` makes the error for a token seen before (on `page`). */
export async function* paginate<T, P extends Page<T>>(
  fetchPage: (token: string | undefined) => Promise<P>,
  limit: number,
  repeated: (token: string, page: P) => Error,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>()
  let token: string | undefined
  let count = 0
  for (;;) {
    const page = await fetchPage(token)
    for (const item of page.items) {
      yield item
      if (++count >= limit) return
    }
    if (!page.next) return
    // A server that hands back a token it gave before would page forever.
    if (seen.has(page.next)) throw repeated(page.next, page)
    seen.add(page.next)
    token = page.next
  }
}
