import {
  basicAuth,
  type ClientSettings,
  optionalFetch,
  optionalHeaders,
  optionError,
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
  isDocumentedSignalWireWebhook,
  isSignalWireWebhook,
  isWebhookVerificationError,
  SIGNALWIRE_WEBHOOK_NAMES,
  type SignalWireFormFields,
  type SignalWireKnownWebhookPayload,
  type SignalWireOtherWebhookPayload,
  type SignalWireWebhookName,
  type SignalWireWebhookPayload,
  type SignalWireWebhookPayloads,
  signalWireWebhookName,
  type VerifySignalWireWebhookOptions,
  verifySignalWireWebhook,
  type WebhookBody,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from './webhooks.js'

/** Shown inside SignalWireClientOptions in the API reference: not a type users name. @inline */
interface CommonOptions {
  /** Your project ID: the user name of SignalWire's Basic auth. */
  projectId: string
  /** An API token of the project (with the Messaging scope): the password of Basic auth. */
  apiToken: string
  /** The fetch that sends each request (for retries, tracing, tests). @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>
  /** Headers added to every request; `Authorization` is set from the credentials only. @default {} */
  headers?: Record<string, string>
}

/** Where requests go: your space's name, or a full base URL (a mock, a proxy). */
export type SignalWireClientOptions = CommonOptions &
  (
    | {
        /** Your space, the part before `.signalwire.com` (e.g. `example` for example.signalwire.com). */
        space: string
        baseUrl?: never
      }
    | {
        /** Base URL of the API, e.g. a mock server's. Replaces `space`. */
        baseUrl: string
        space?: never
      }
  )

/** An openapi-fetch client typed by SignalWire's spec: `POST` returns `{ data, error, response }`. */
export type SignalWireClient = TypedClient<paths>

const FACTORY = 'createSignalWireClient'
const OPTIONS = ['space', 'baseUrl', 'projectId', 'apiToken', 'fetch', 'headers'] as const
const SPACE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/** The base URL of a SignalWire space. */
export function signalWireSpaceUrl(space: string): string {
  const name = requireText(FACTORY, 'space', space)
  if (!SPACE.test(name)) {
    throw optionError(
      FACTORY,
      'space',
      'option "space" must be the name of your space only, e.g. "example" for https://example.signalwire.com.',
    )
  }
  return `https://${name.toLowerCase()}.signalwire.com`
}

/** The `Authorization` header the client sends: Basic auth of the project ID and API token. */
export function signalWireAuthorization(projectId: string, apiToken: string): string {
  return basicAuth(projectId, apiToken)
}

/**
 * What a SignalWire client sends every request with (base URL, headers with Basic auth, fetch),
 * the options checked as `createSignalWireClient` checks them: for a client of your own, or no client.
 */
export function signalWireClientSettings(options: SignalWireClientOptions): ClientSettings {
  const checked = requireOptions(FACTORY, options, OPTIONS)
  if (checked.space !== undefined && checked.baseUrl !== undefined) {
    throw optionError(FACTORY, 'baseUrl', 'pass either "space" or "baseUrl", not both.')
  }
  if (checked.space === undefined && checked.baseUrl === undefined) {
    throw optionError(FACTORY, 'space', `option "space" (your space's name) or "baseUrl" is required.`)
  }
  const baseUrl =
    checked.baseUrl === undefined
      ? signalWireSpaceUrl(checked.space as string)
      : requireBaseUrl(FACTORY, checked.baseUrl)
  const projectId = requireText(FACTORY, 'projectId', checked.projectId)
  if (projectId.includes(':')) {
    throw optionError(
      FACTORY,
      'projectId',
      'option "projectId" must not contain ":" (it is the user name of Basic auth).',
    )
  }
  const apiToken = requireText(FACTORY, 'apiToken', checked.apiToken)
  const customFetch = optionalFetch(FACTORY, checked.fetch)
  return {
    baseUrl,
    headers: {
      ...optionalHeaders(FACTORY, checked.headers),
      Authorization: signalWireAuthorization(projectId, apiToken),
    },
    ...(customFetch ? { fetch: customFetch } : {}),
  }
}

/**
 * Creates a SignalWire client with Basic auth (project ID and API token) set once.
 *
 * @example
 * const sw = createSignalWireClient({ space: 'example', projectId, apiToken })
 * const { data, error } = await sw.POST('/api/messaging/messages', {
 *   body: { from: '+15555550100', to: '+15555550123', body: 'Hello' },
 * })
 */
export function createSignalWireClient(options: SignalWireClientOptions): SignalWireClient {
  // openapi-fetch's client, typed by our lighter declaration of its type (see TypedClient).
  return createClient(signalWireClientSettings(options)) as SignalWireClient
}
