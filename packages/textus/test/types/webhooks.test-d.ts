import { describe, expectTypeOf, it } from 'vitest'
import {
  type components,
  isDocumentedTextUsWebhook,
  type TEXTUS_WEBHOOK_ACTIONS,
  type TextUsWebhookPayload,
  verifyTextUsWebhook,
  type webhooks,
} from '../../src/index.js'

declare const event: TextUsWebhookPayload

describe('TextUs webhook types', () => {
  it('resolves with the payloads the spec documents, or an action it does not', () => {
    expectTypeOf(verifyTextUsWebhook).returns.resolves.toEqualTypeOf<TextUsWebhookPayload>()
    expectTypeOf(event.action).toEqualTypeOf<string>()
  })

  it('lists every action the spec documents', () => {
    expectTypeOf<(typeof TEXTUS_WEBHOOK_ACTIONS)[number]>().toEqualTypeOf<keyof webhooks>()
  })

  it('narrows a documented action to the typed delivery, its message the spec Message', () => {
    if (isDocumentedTextUsWebhook(event)) {
      if (event.action === 'message.received') {
        expectTypeOf(event.message).toEqualTypeOf<components['schemas']['Message']>()
        expectTypeOf(event.conversation.id).toEqualTypeOf<string>()
      }
      if (event.action === 'message.failed') expectTypeOf(event.message.deliveryState).toEqualTypeOf<string>()
    } else {
      expectTypeOf(event.contact).toEqualTypeOf<unknown>()
    }
  })

  it('takes a raw body only', () => {
    // @ts-expect-error a parsed object is not a raw body
    verifyTextUsWebhook({ body: { action: 'x' }, headers: {}, secret: 's' })
    verifyTextUsWebhook({ body: new Uint8Array(), headers: new Headers(), secret: 's' })
  })
})
