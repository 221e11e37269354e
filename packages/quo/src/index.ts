import {
  type ClientSettings,
  optionalFetch,
  optionalHeaders,
  requireBaseUrl,
  requireOptions,
  requireText,
  type TypedClient,
} from '@textbridge/provider-kit'
import createClient from 'openapi-fetch'
import type { paths } from './generated/schema.js'

export type { ClientSettings } from '@textbridge/provider-kit'
/** The limits of each operation's request, read from the spec (for checks before a request). */
export * from './generated/rules.js'
export type { components, operations, paths, webhooks } from './generated/schema.js'
export {
  isDocumentedQuoWebhook,
  isWebhookVerificationError,
  QUO_WEBHOOK_TYPES,
  type QuoKnownWebhookPayload,
  type QuoOtherWebhookPayload,
  type QuoWebhookPayload,
  type VerifyQuoWebhookOptions,
  verifyQuoWebhook,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks.js'

/** Quo's production API. */
export const QUO_BASE_URL = 'https://api.quo.com'

export interface QuoClientOptions {
  /** Your Quo API key, sent as the `Authorization` header of every request. */
  apiKey: string
  /** Base URL of the API, e.g. a mock server's. @default 'https://api.quo.com' */
  baseUrl?: string
  /** The fetch that sends each request (for retries, tracing, tests). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
  /** Headers added to every request; `Authorization` is set from `apiKey` only. @default {} */
  headers?: Record<string, string>
}

/** An openapi-fetch client typed by Quo's spec: `GET`, `POST` … return `{ data, error, response }`. */
export type QuoClient = TypedClient<paths>

const FACTORY = 'createQuoClient'
const OPTIONS = ['apiKey', 'baseUrl', 'fetch', 'headers'] as const

/** The `Authorization` header the client sends: the API key as it is. */
export function quoAuthorization(apiKey: string): string {
  return apiKey
}

/**
 * What a Quo client sends every request with (base URL, headers with the key, fetch), the
 * options checked as `createQuoClient` checks them: for a client of your own, or no client.
 */
export function quoClientSettings(options: QuoClientOptions): ClientSettings {
  const checked = requireOptions(FACTORY, options, OPTIONS)
  const apiKey = requireText(FACTORY, 'apiKey', checked.apiKey)
  const baseUrl = checked.baseUrl === undefined ? QUO_BASE_URL : requireBaseUrl(FACTORY, checked.baseUrl)
  const customFetch = optionalFetch(FACTORY, checked.fetch)
  return {
    baseUrl,
    headers: { ...optionalHeaders(FACTORY, checked.headers), Authorization: quoAuthorization(apiKey) },
    ...(customFetch ? { fetch: customFetch } : {}),
  }
}

/**
 * Creates a Quo client with the API key set once.
 *
 * @example
 * const quo = createQuoClient({ apiKey: process.env.QUO_API_KEY! })
 * const { data, error } = await quo.POST('/v1/messages', {
 *   body: { from: '+15555550100', to: ['+15555550123'], content: 'Hello' },
 * })
 */
export function createQuoClient(options: QuoClientOptions): QuoClient {
  // openapi-fetch's client, typed by our lighter declaration of its type (see TypedClient).
  return createClient(quoClientSettings(options)) as QuoClient
}
