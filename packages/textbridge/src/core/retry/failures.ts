// What the retry loop gives up with when there is no usable answer; classify.ts turns each
// into one of the public errors.

/** The message of an error and of its causes, e.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:9". */
export function messageOf(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 4 && current; depth++) {
    const message = current instanceof Error ? current.message : typeof current === 'string' ? current : ''
    if (message && !parts.includes(message)) parts.push(message)
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.join(': ') || 'unknown error'
}

/** No answer came: the request failed on the way, and may or may not have reached the provider. */
export class NoAnswer extends Error {
  override name = 'NoAnswer'
  constructor(
    override readonly cause: unknown,
    readonly requestSent: false | 'unknown',
    readonly attempts: number,
  ) {
    super(messageOf(cause))
  }
}

/** The answer's status came, then its body broke off. */
export class BrokenAnswer extends Error {
  override name = 'BrokenAnswer'
  constructor(
    override readonly cause: unknown,
    readonly status: number,
    readonly attempts: number,
  ) {
    super(messageOf(cause))
  }
}

// Failures that happen before a connection exists: the request cannot have been sent.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** True when a fetch failure proves the connection was never made. */
export function neverConnected(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}
