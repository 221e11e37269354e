// The options every messenger shares, checked once at creation: a bad one is a TypeError
// that names it (and never repeats a credential).
import type { CommonMessengerOptions, Provider } from '../types.js'
import { type ErrorInfo, redactor, type Scope } from './call.js'
import { DEFAULT_RETRY, resolveRetry } from './retry.js'
import { isPlainObject } from './validation.js'

const COMMON = ['provider', 'fetch', 'headers', 'timeoutMs', 'retry', 'onRetry'] as const
const DEFAULT_TIMEOUT_MS = 30_000

export function messengerScope(
  provider: Provider,
  options: CommonMessengerOptions & { provider?: string },
  providerKeys: readonly string[],
  details: { name: string; credentials: string; secrets: unknown[]; errorInfo: (body: unknown) => ErrorInfo },
): { scope: Scope; common: { headers?: Record<string, string> } } {
  const where = `createMessenger (${provider})`
  if (!isPlainObject(options as unknown)) throw new TypeError(`${where}: expected an options object`)
  if (options.provider !== undefined && options.provider !== provider) {
    throw new TypeError(
      `${where}: option "provider" must be '${provider}' here (got ${JSON.stringify(options.provider)}).`,
    )
  }
  const known = [...COMMON, ...providerKeys]
  const unknown = Object.keys(options).filter((key) => !known.includes(key))
  if (unknown.length > 0) {
    throw new TypeError(
      `${where}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; known options are ${known.join(', ')}.`,
    )
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError(`${where}: option "fetch" must be a function.`)
  }
  if (options.onRetry !== undefined && typeof options.onRetry !== 'function') {
    throw new TypeError(`${where}: option "onRetry" must be a function.`)
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new TypeError(`${where}: option "timeoutMs" must be a number of milliseconds > 0.`)
  }
  const secrets = details.secrets.filter((secret): secret is string => typeof secret === 'string')
  return {
    scope: {
      provider,
      name: details.name,
      credentials: details.credentials,
      timeoutMs,
      retry: resolveRetry(DEFAULT_RETRY, options.retry, where),
      onRetry: options.onRetry,
      fetch: options.fetch,
      redact: redactor(secrets),
      errorInfo: details.errorInfo,
    },
    common: options.headers === undefined ? {} : { headers: options.headers },
  }
}

/** Re-labels a provider client factory's TypeError as the messenger's. */
export function asMessengerError(provider: Provider, factory: string, error: unknown): unknown {
  if (error instanceof TypeError && error.message.startsWith(`${factory}: `)) {
    return new TypeError(`createMessenger (${provider}): ${error.message.slice(factory.length + 2)}`)
  }
  return error
}
