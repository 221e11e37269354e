// Checks of call inputs, collected rather than thrown one by one, so a ValidationError lists
// every problem. Each rule mirrors a constraint of the provider's final spec (the differential
// test holds them to Prism's verdicts).
import { type Problem, ValidationError } from './errors.js'

/** E.164 as Quo and TextUs write it: `+`, a non-zero digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/

/** Throws a ValidationError listing the problems, if there are any. */
export function throwProblems(provider: string, operation: string, problems: Problem[]): void {
  if (problems.length > 0) throw new ValidationError(provider, operation, problems)
}

export class Checks {
  constructor(
    private readonly provider: string,
    private readonly operation: string,
    /** Where the problems go: a list of its own, or one shared with other checks of the call. */
    readonly problems: Problem[] = [],
  ) {}

  add(path: string, rule: string, message: string, value?: unknown): void {
    this.problems.push(value === undefined ? { path, rule, message } : { path, rule, message, value })
  }

  /** Throws a ValidationError listing every problem, if there is one. */
  done(): void {
    throwProblems(this.provider, this.operation, this.problems)
  }

  /** The input must be a plain object with only the known keys. */
  object(value: unknown, path: string, known: readonly string[]): value is Record<string, unknown> {
    if (!isPlainObject(value)) {
      this.add(path, 'type', `must be an object (got ${describe(value)})`, value)
      return false
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.add(join(path, key), 'unknown', `is not an option of this call (known: ${known.join(', ')})`)
    }
    return true
  }

  /** A string, when given; `required` makes it mandatory. Returns it, or undefined. */
  string(value: unknown, path: string, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.add(path, 'required', 'is required')
      return undefined
    }
    if (typeof value !== 'string') {
      this.add(path, 'type', `must be a string (got ${describe(value)})`, value)
      return undefined
    }
    return value
  }

  /** A string matching `pattern`; `hint` says what is expected. */
  matches(
    value: unknown,
    path: string,
    pattern: { test(text: string): boolean },
    rule: string,
    hint: string,
    required = true,
  ): string | undefined {
    const text = this.string(value, path, required)
    if (text !== undefined && !pattern.test(text)) this.add(path, rule, `must be ${hint} (got ${show(text)})`, text)
    return text
  }

  /** A non-blank text of at most `max` characters (counted as Unicode code points, like JSON Schema). */
  text(value: unknown, path: string, options: { required: boolean; max?: number | undefined }): string | undefined {
    const text = this.string(value, path, options.required)
    if (text === undefined) return undefined
    if (!/\S/.test(text)) {
      this.add(path, 'not-blank', text === '' ? 'must not be empty' : 'must not be only white space', text)
    } else if (options.max !== undefined) {
      if (codePoints(text, options.max + 1) > options.max) {
        this.add(path, 'max-length', `must be at most ${options.max} characters`, text)
      }
    }
    return text
  }

  /** An array of `min` to `max` items, when given. */
  array(
    value: unknown,
    path: string,
    options: { required: boolean; min?: number; max?: number },
  ): unknown[] | undefined {
    if (value === undefined) {
      if (options.required) this.add(path, 'required', 'is required')
      return undefined
    }
    if (!Array.isArray(value)) {
      this.add(path, 'type', `must be an array (got ${describe(value)})`, value)
      return undefined
    }
    if (options.min !== undefined && value.length < options.min) {
      this.add(path, 'min-items', `must have at least ${options.min} item${options.min === 1 ? '' : 's'}`, value)
    }
    if (options.max !== undefined && value.length > options.max) {
      this.add(path, 'max-items', `must have at most ${options.max} items (got ${value.length})`, value)
    }
    return value
  }

  /** An absolute http(s) URL. */
  httpUrl(value: unknown, path: string, required = true): string | undefined {
    const text = this.string(value, path, required)
    if (text !== undefined && !isHttpUrl(text)) {
      this.add(path, 'http-url', `must be an absolute http(s) URL (got ${show(text)})`, text)
    }
    return text
  }

  /** One of the listed values, when given. */
  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.add(path, 'enum', `must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${show(value)})`, value)
      return undefined
    }
    return value as T
  }

  /** Each item of a list must match `pattern`. */
  eachMatches(list: unknown[] | undefined, path: string, pattern: RegExp, rule: string, hint: string): void {
    list?.forEach((item, index) => {
      this.matches(item, `${path}[${index}]`, pattern, rule, hint)
    })
  }

  /** `to` of a broadcast: a non-empty list of distinct recipients, each matching `pattern`. */
  broadcastRecipients(value: unknown, pattern: RegExp, hint: string): void {
    const list = this.array(value, 'to', { required: true, min: 1 })
    this.eachMatches(list, 'to', pattern, 'e164', hint)
    this.unique(list, 'to')
  }

  /** `to` of a send to one recipient; a list is refused with `why` (use broadcast()). */
  oneRecipient(value: unknown, pattern: RegExp, hint: string, why: string): void {
    if (Array.isArray(value)) this.add('to', 'type', why, value)
    else this.matches(value, 'to', pattern, 'e164', hint)
  }

  /** In a broadcast, a recipient listed twice would get the message twice. */
  unique(list: unknown[] | undefined, path: string): void {
    const seen = new Set<unknown>()
    list?.forEach((item, index) => {
      if (seen.has(item))
        this.add(`${path}[${index}]`, 'duplicate', 'is listed twice: they would get the message twice', item)
      seen.add(item)
    })
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') {
      this.add(path, 'type', `must be a boolean (got ${describe(value)})`, value)
      return undefined
    }
    return value
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

// An http(s) URI as RFC 3986 spells it (what JSON Schema's `uri` format checks), with a host.
const UNRESERVED = 'A-Za-z0-9\\-._~'
const SUB_DELIMS = "!$&'()*+,;="
const PCT = '%[0-9A-Fa-f]{2}'
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`
const HTTP_URL = new RegExp(
  `^https?://(?:(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*@)?` +
    `(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})+)(?::[0-9]*)?` +
    `(?:/${PCHAR}*)*(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`,
)

/** An absolute http(s) URL with a host, made only of the characters a URI may hold. */
export function isHttpUrl(text: string): boolean {
  return HTTP_URL.test(text)
}

/** Counts code points, stopping early past `stopAt` (a 10 MB string costs nothing). */
export function codePoints(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  if (text.length <= stopAt && !/[\uD800-\uDBFF]/.test(text)) return text.length
  let count = 0
  for (const _ of text) if (++count >= stopAt) return count
  return count
}

/** A copy without the keys whose value is undefined (so they are not sent). */
export function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  const result: Partial<T> = {}
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) result[key] = value[key]
  return result
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return path ? `${path}.${key}` : key
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** A value as shown in a message: short, and quoted when it is a string. */
function show(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value)
  return text
}
