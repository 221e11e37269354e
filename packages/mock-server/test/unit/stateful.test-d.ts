import { expectTypeOf, it } from 'vitest'
import { type Delivery, type MockServer, type StatefulMockServer, startMock } from '../../src/index.js'

it('types a stateful mock with its messages, secret and deliver(), and a static one without', () => {
  expectTypeOf(startMock({ provider: 'quo', stateful: true })).resolves.toEqualTypeOf<StatefulMockServer>()
  expectTypeOf(startMock({ provider: 'quo' })).resolves.toEqualTypeOf<MockServer>()
  expectTypeOf<StatefulMockServer['deliver']>().returns.resolves.toEqualTypeOf<Delivery>()
  expectTypeOf<StatefulMockServer['webhookSecret']>().toEqualTypeOf<string>()
  // @ts-expect-error a static mock has no deliver()
  expectTypeOf<MockServer['deliver']>()
})
