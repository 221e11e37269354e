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
  isDocumentedTextUsWebhook,
  isWebhookVerificationError,
  TEXTUS_WEBHOOK_ACTIONS,
  type TextUsKnownWebhookPayload,
  type TextUsOtherWebhookPayload,
  type TextUsWebhookPayload,
  type VerifyTextUsWebhookOptions,
  verifyTextUsWebhook,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks.js'

/** TextUs Next. The docs give paths only; override `baseUrl` if your account uses another host. */
export const TEXTUS_BASE_URL = 'https://next.textus.com'

/** TextUs's own media type, sent as both `Accept` and `Content-Type`. */
export const TEXTUS_MEDIA_TYPE = 'application/vnd.textus+jsonld'

export interface TextUsClientOptions {
  /** Your TextUs API token, sent as `Authorization: Bearer <token>`. */
  token: string
  /** The account slug every request is made for; fills the `{account}` path parameter. */
  account: string
  /** Base URL of the API, e.g. a mock server's. @default 'https://next.textus.com' */
  baseUrl?: string
  /** The fetch that sends each request (for retries, tracing, tests). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
  /** Headers added to every request; `Authorization` is set from `token` only. @default {} */
  headers?: Record<string, string>
}

type Optional<T, K extends PropertyKey> = T extends object ? Omit<T, K & keyof T> & Partial<Pick<T, K & keyof T>> : T

type WithAccountFilled<Operation> = Operation extends { parameters: infer Params extends { path?: unknown } }
  ? Omit<Operation, 'parameters'> & {
      parameters: Omit<Params, 'path'> & { path?: Optional<NonNullable<Params['path']>, 'account'> }
    }
  : Operation

/** The generated paths with `account` optional: the client fills it in from its options. */
export type TextUsPaths = {
  [Path in keyof paths]: {
    [Key in keyof paths[Path]]: Key extends 'parameters' ? paths[Path][Key] : WithAccountFilled<paths[Path][Key]>
  }
}

/** An openapi-fetch client typed by the TextUs spec: `POST` returns `{ data, error, response }`. */
export type TextUsClient = TypedClient<TextUsPaths>

const FACTORY = 'createTextUsClient'
const OPTIONS = ['token', 'account', 'baseUrl', 'fetch', 'headers'] as const

/** The `Authorization` header the client sends: the token as a Bearer credential. */
export function textUsAuthorization(token: string): string {
  return `Bearer ${token}`
}

/** What a TextUs client sends every request with, and the account it fills into every path. */
export interface TextUsClientSettings extends ClientSettings {
  /** The `{account}` path parameter of every call that does not name one. */
  account: string
}

/**
 * What a TextUs client sends every request with (base URL, headers with the token and TextUs's
 * media type, fetch) and its account, the options checked as `createTextUsClient` checks them:
 * for a client of your own, or no client.
 */
export function textUsClientSettings(options: TextUsClientOptions): TextUsClientSettings {
  const checked = requireOptions(FACTORY, options, OPTIONS)
  const token = requireText(FACTORY, 'token', checked.token)
  const account = requireText(FACTORY, 'account', checked.account)
  const baseUrl = checked.baseUrl === undefined ? TEXTUS_BASE_URL : requireBaseUrl(FACTORY, checked.baseUrl)
  const customFetch = optionalFetch(FACTORY, checked.fetch)
  return {
    baseUrl,
    headers: {
      Accept: TEXTUS_MEDIA_TYPE,
      'Content-Type': TEXTUS_MEDIA_TYPE,
      ...optionalHeaders(FACTORY, checked.headers),
      Authorization: textUsAuthorization(token),
    },
    ...(customFetch ? { fetch: customFetch } : {}),
    account,
  }
}

/**
 * Creates a TextUs client with the token, the account and TextUs's media type set once.
 *
 * @example
 * const textus = createTextUsClient({ token: process.env.TEXTUS_TOKEN!, account: 'my_account' })
 * const { data, error, response } = await textus.POST('/{account}/messages', {
 *   body: { to: '+13035551234', body: 'Hello' },
 * })
 */
export function createTextUsClient(options: TextUsClientOptions): TextUsClient {
  const { account, ...settings } = textUsClientSettings(options)
  // openapi-fetch's client, typed by our lighter declaration of its type (see TypedClient).
  return withAccount(createClient(settings) as TextUsClient, account)
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const

interface Init {
  params?: { path?: Record<string, unknown> }
}

/** Gives every call this client's account unless the call names one itself. */
function withAccount(client: TextUsClient, account: string): TextUsClient {
  const fill = (init: Init | undefined): Init => ({
    ...init,
    params: { ...init?.params, path: { ...init?.params?.path, account: init?.params?.path?.account ?? account } },
  })
  const filled: Record<string, unknown> = { ...client }
  for (const method of METHODS) {
    const call = client[method] as (path: string, init?: Init) => unknown
    filled[method] = (path: string, init?: Init) => call(path, fill(init))
  }
  const request = client.request as (method: string, path: string, init?: Init) => unknown
  filled.request = (method: string, path: string, init?: Init) => request(method, path, fill(init))
  return filled as unknown as TextUsClient
}
