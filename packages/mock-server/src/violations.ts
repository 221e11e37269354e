/** One break of the spec that the mock saw in a request (or in its own response). */
export interface Violation {
  /** Where: e.g. `['request', 'body', 'to', '0']` or `['request', 'query', 'maxResults']`. */
  location: string[]
  severity: 'Error' | 'Warning' | 'Information' | 'Hint'
  /** The validator's rule, e.g. `pattern`, `required`, `maxItems`, `type`, or an HTTP status. */
  code: string | number
  message: string
}

/**
 * The violations the mock recorded in a response's `sl-violations` header; an empty
 * list when the request kept to the spec.
 */
export function violationsOf(response: Response | Headers): Violation[] {
  const headers = response instanceof Headers ? response : response.headers
  const header = headers.get('sl-violations')
  if (!header) return []
  const json = header.startsWith('Too many violations! ') ? header.slice('Too many violations! '.length) : header
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? (parsed as Violation[]) : []
  } catch {
    return [{ location: ['request'], severity: 'Error', code: 'truncated', message: json }]
  }
}
