import { describe, expectTypeOf, it } from 'vitest'
import {
  type components,
  isDocumentedQuoWebhook,
  type QUO_WEBHOOK_TYPES,
  type QuoWebhookPayload,
  verifyQuoWebhook,
  type webhooks,
} from '../../src/index.js'

declare const event: QuoWebhookPayload

describe('Quo webhook types', () => {
  it('resolves with the payloads the spec documents, or an event it does not', () => {
    expectTypeOf(verifyQuoWebhook).returns.resolves.toEqualTypeOf<QuoWebhookPayload>()
    expectTypeOf(event.type).toEqualTypeOf<string>()
  })

  it('lists every event type the spec documents', () => {
    expectTypeOf<(typeof QUO_WEBHOOK_TYPES)[number]>().toEqualTypeOf<keyof webhooks>()
  })

  it('narrows a documented event to the typed envelopes and its message', () => {
    if (isDocumentedQuoWebhook(event)) {
      expectTypeOf(event).toEqualTypeOf<components['schemas']['QuoMessageWebhookPayload']>()
      const { data } = event
      if ('object' in data) {
        expectTypeOf(data).toEqualTypeOf<components['schemas']['QuoMessageWebhook']['data']>()
        expectTypeOf(data.object.id).toEqualTypeOf<string>()
      } else {
        expectTypeOf(data).toEqualTypeOf<components['schemas']['QuoDatedMessageWebhook']['data']>()
        expectTypeOf(data.resource.id).toEqualTypeOf<string>()
        expectTypeOf(data.context?.participants?.external).toEqualTypeOf<string[] | undefined>()
      }
    }
  })
})
