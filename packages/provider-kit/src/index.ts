// Checks shared by the provider factories. Messages name the factory and the option and
// say what to do; they never repeat an option's value, which may be a secret.

/** A bad option of a factory: a TypeError that also says which option (`option`) and what is wrong (`detail`). */
export interface OptionError extends TypeError {
  /** The factory, e.g. `createQuoClient`. */
  readonly factory: string
  /** The option at fault, e.g. `apiKey` or `headers.X-Id`; `options` for the object as a whole. */
  readonly option: string
  /** The message without the factory's name, for a caller that reports it under its own. */
  readonly detail: string
}

/** A TypeError naming the factory and the option; `detail` is what is wrong, said to the user. */
export function optionError(factory: string, option: string, detail: string): OptionError {
  return Object.assign(new TypeError(`${factory}: ${detail}`), { factory, option, detail })
}

/** True for an error made by optionError (of any copy of this code). */
export function isOptionError(error: unknown): error is OptionError {
  return error instanceof TypeError && typeof (error as Partial<OptionError>).detail === 'string'
}

/** Throws a TypeError unless `value` is a non-empty string without line breaks. */
export function requireText(factory: string, name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw optionError(factory, name, `option "${name}" is required and must be a string (got ${describe(value)}).`)
  }
  if (value.trim() === '') {
    throw optionError(factory, name, `option "${name}" must not be empty.`)
  }
  // A line break in a header value would let a request smuggle extra headers.
  if (/[\r\n\0]/.test(value)) {
    throw optionError(factory, name, `option "${name}" must not contain line breaks or NUL characters.`)
  }
  return value
}

/** Checks an absolute http(s) base URL and returns it without a trailing slash. */
export function requireBaseUrl(factory: string, value: unknown, name = 'baseUrl'): string {
  const text = requireText(factory, name, value)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw optionError(
      factory,
      name,
      `option "${name}" must be an absolute http(s) URL such as "https://api.example.com".`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw optionError(factory, name, `option "${name}" must use http or https (got "${url.protocol}").`)
  }
  if (url.username || url.password) {
    throw optionError(factory, name, `option "${name}" must not carry credentials; pass them as options instead.`)
  }
  if (url.search || url.hash) {
    throw optionError(factory, name, `option "${name}" must not have a query or a fragment.`)
  }
  return url.href.replace(/\/+$/, '')
}

/** Throws when `options` is not a plain object, or has keys the factory does not know. */
export function requireOptions(factory: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw optionError(factory, 'options', `expected an options object (got ${describe(options)}).`)
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key))
  if (unknown.length > 0) {
    throw optionError(factory, unknown[0] as string, unknownOptions(unknown, known))
  }
  return options as Record<string, unknown>
}

/** Checks the optional `fetch` option. */
export function optionalFetch(factory: string, value: unknown): typeof fetch | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'function') {
    throw optionError(factory, 'fetch', `option "fetch" must be a function (got ${describe(value)}).`)
  }
  return value as typeof fetch
}

/** Header names a caller may not override through `headers`: the factory owns auth. */
const OWNED_HEADERS = ['authorization']

/**
 * The caller's extra headers as a plain record, checked. Auth headers (`Authorization`, and
 * any header an API key travels in, named by `owned`) are refused so a stray header cannot
 * silently replace the configured credentials.
 */
export function optionalHeaders(
  factory: string,
  value: unknown,
  owned: readonly string[] = [],
): Record<string, string> {
  const refused = [...OWNED_HEADERS, ...owned.map((name) => name.toLowerCase())]
  if (value === undefined) return {}
  const entries: [string, unknown][] =
    value instanceof Headers
      ? [...value.entries()]
      : Array.isArray(value)
        ? (value as [string, unknown][])
        : value !== null && typeof value === 'object'
          ? Object.entries(value)
          : []
  if (entries.length === 0 && (value === null || typeof value !== 'object')) {
    throw optionError(factory, 'headers', 'option "headers" must be an object of header names to values.')
  }
  const headers: Record<string, string> = {}
  for (const [name, headerValue] of entries) {
    if (refused.includes(name.toLowerCase())) {
      throw optionError(
        factory,
        `headers.${name}`,
        `set credentials through the factory's options, not through "headers.${name}".`,
      )
    }
    headers[name] = requireText(factory, `headers.${name}`, headerValue)
  }
  return headers
}

/** `Basic <base64(user:password)>`, UTF-8 safe, without Node's Buffer. */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/** The message for options a factory does not know, listing the ones it does. */
export function unknownOptions(unknown: readonly string[], known: readonly string[]): string {
  return `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known options are ${known.join(', ')}.`
}

/** How a value is named in a message: its kind, never its content (it may be a secret). */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

export type {
  ClientSettings,
  FetchOptions,
  FetchResponse,
  MaybeOptionalInit,
  RequestBodyOption,
  TypedClient,
} from './client.js'
export * from './webhooks.js'
