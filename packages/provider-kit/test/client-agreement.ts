// Types for a provider package's type tests: whether TypedClient (src/client.ts), the lighter
// declaration of openapi-fetch's Client, accepts and answers what openapi-fetch's own types do.
// Each comparison is `true` (each assignable to the other), `'stricter'` (ours accepts less)
// or `false`.
import type * as OpenapiFetch from 'openapi-fetch'
import type { FetchOptions, FetchResponse, MaybeOptionalInit } from '../src/client.js'

type Media = `${string}/${string}`
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : 'stricter') : false
type Answer<R extends { data?: unknown; error?: unknown }> = { data: R['data']; error: R['error'] }

/** How an operation's options and answers (any media, JSON, a stream) compare. */
// biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's constraint on an operation
export type Agreement<T extends Record<string | number, any>> = {
  options: Agree<FetchOptions<T>, OpenapiFetch.FetchOptions<T>>
  answer: Agree<Answer<FetchResponse<T, object, Media>>, Answer<OpenapiFetch.FetchResponse<T, object, Media>>>
  json: Agree<
    Answer<FetchResponse<T, object, 'application/json'>>,
    Answer<OpenapiFetch.FetchResponse<T, object, 'application/json'>>
  >
  stream: Agree<
    FetchResponse<T, { parseAs: 'stream' }, Media>['data'],
    OpenapiFetch.FetchResponse<T, { parseAs: 'stream' }, Media>['data']
  >
}

/** An operation on which the two agree in everything. */
export type Agreed = { options: true; answer: true; json: true; stream: true }

export type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'
type Optional<Init> = undefined extends Init ? true : false

/** Per method of a path: whether both make a call's options optional alike. */
export type InitAgreement<PathItem extends { [M in Method]?: unknown }> = {
  [M in Method]: Agree<Optional<MaybeOptionalInit<PathItem, M>>, Optional<OpenapiFetch.MaybeOptionalInit<PathItem, M>>>
}
