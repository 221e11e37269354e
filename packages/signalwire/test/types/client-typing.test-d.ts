import type { FetchOptions, FetchResponse, MaybeOptionalInit } from '@textbridge/provider-kit'
import type * as OpenapiFetch from 'openapi-fetch'
import { describe, expectTypeOf, it } from 'vitest'
import type { operations, paths } from '../../src/index.js'

// SignalWireClient is openapi-fetch's client under a lighter declaration of openapi-fetch's types
// (provider-kit's client.ts). For every operation, what a call accepts and what it answers
// agree with openapi-fetch's own: each assignable to the other (`true`; `'stricter'` would be
// ours accepting less).
type Media = `${string}/${string}`
type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : 'stricter') : false
type Answer<R extends { data?: unknown; error?: unknown }> = { data: R['data']; error: R['error'] }
// biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's constraint on an operation
type Agreement<T extends Record<string | number, any>> = {
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
type Agreed = { options: true; answer: true; json: true; stream: true }
type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'
type Optional<Init> = undefined extends Init ? true : false
type InitAgreement<Path extends keyof paths> = {
  [M in Method]: Agree<
    Optional<MaybeOptionalInit<paths[Path], M>>,
    Optional<OpenapiFetch.MaybeOptionalInit<paths[Path], M>>
  >
}

describe('SignalWire client typing', () => {
  it("accepts and answers for every operation what openapi-fetch's Client types", () => {
    expectTypeOf<{ [T in keyof operations]: Agreement<operations[T]> }>().toEqualTypeOf<{
      [T in keyof operations]: Agreed
    }>()
  })

  it('requires the options of a call exactly where openapi-fetch does (a required parameter or body)', () => {
    expectTypeOf<{ [P in keyof paths]: InitAgreement<P> }>().toEqualTypeOf<{
      [P in keyof paths]: { [M in Method]: true }
    }>()
  })
})
