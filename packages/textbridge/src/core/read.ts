// Reading a provider's answer into a Message. A body that lacks what the spec promises is
// the provider's fault, not a crash: ShapeError becomes a ProviderError that keeps the status.
import { countText } from '../segments/count.js'
import type { MessageSegments, MessageStatus } from './types.js'

export class ShapeError extends Error {
  override name = 'ShapeError'
}

type Json = Record<string, unknown>

export function readObject(value: unknown, path: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ShapeError(`${path} is not an object`)
  return value as Json
}

export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${path} is not a string`)
  return value
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export function readStrings(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ShapeError(`${path} is not a list of strings`)
  }
  return value as string[]
}

/** A date from an ISO 8601 string; an unreadable one is an Invalid Date, not an error. */
export function readDate(value: unknown): Date {
  return new Date(typeof value === 'string' ? value : Number.NaN)
}

/** Maps the provider's status word; a word the table does not know is 'unknown', never an error. */
export function mapStatus(table: Readonly<Record<string, MessageStatus>>, value: unknown): MessageStatus {
  return typeof value === 'string' && Object.hasOwn(table, value) ? (table[value] as MessageStatus) : 'unknown'
}

/** A message's segments: the provider's count when it reports one, else counted from the text. */
export function segmentsOf(text: string, reported?: unknown): MessageSegments {
  return typeof reported === 'number' && Number.isInteger(reported) && reported > 0
    ? { count: reported, source: 'provider' }
    : { count: countText(text).segments, source: 'computed' }
}
