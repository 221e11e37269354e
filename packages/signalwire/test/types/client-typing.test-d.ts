import { describe, expectTypeOf, it } from 'vitest'
import type { Agreed, Agreement, InitAgreement, Method } from '../../../provider-kit/test/client-agreement.js'
import type { operations, paths } from '../../src/index.js'

// SignalWireClient is openapi-fetch's client under a lighter declaration of openapi-fetch's types
// (provider-kit's client.ts). For every operation, what a call accepts and what it answers
// agree with openapi-fetch's own: each assignable to the other (`true`; `'stricter'` would be
// ours accepting less).
describe('SignalWire client typing', () => {
  it("accepts and answers for every operation what openapi-fetch's Client types", () => {
    expectTypeOf<{ [T in keyof operations]: Agreement<operations[T]> }>().toEqualTypeOf<{
      [T in keyof operations]: Agreed
    }>()
  })

  it('requires the options of a call exactly where openapi-fetch does (a required parameter or body)', () => {
    expectTypeOf<{ [P in keyof paths]: InitAgreement<paths[P]> }>().toEqualTypeOf<{
      [P in keyof paths]: { [M in Method]: true }
    }>()
  })
})
