import { describe, expectTypeOf, it } from 'vitest'
import {
  type components,
  isDocumentedSignalWireWebhook,
  isSignalWireWebhook,
  type SIGNALWIRE_WEBHOOK_NAMES,
  type SignalWireKnownWebhookPayload,
  type SignalWireWebhookPayload,
  signalWireWebhookName,
  verifySignalWireWebhook,
  type webhooks,
} from '../../src/index.js'

declare const payload: SignalWireWebhookPayload
type Schemas = components['schemas']

describe('SignalWire webhook types', () => {
  it('resolves with the payloads the spec documents, or one it does not', () => {
    expectTypeOf(verifySignalWireWebhook).returns.resolves.toEqualTypeOf<SignalWireWebhookPayload>()
    expectTypeOf<Schemas['Webhooks.Messaging.MessageStatusCallbackPayload']>().toExtend<SignalWireWebhookPayload>()
    expectTypeOf(signalWireWebhookName).returns.toEqualTypeOf<keyof webhooks | undefined>()
  })

  it('lists every webhook the spec documents', () => {
    expectTypeOf<(typeof SIGNALWIRE_WEBHOOK_NAMES)[number]>().toEqualTypeOf<keyof webhooks>()
    expectTypeOf<keyof webhooks>().toEqualTypeOf<
      'messageStatusCallback' | 'inboundMessageWebhook' | 'smsStatusCallback'
    >()
  })

  it('narrows a REST status callback to its JSON payload', () => {
    if (isSignalWireWebhook(payload, 'messageStatusCallback')) {
      expectTypeOf(payload).toEqualTypeOf<Schemas['Webhooks.Messaging.MessageStatusCallbackPayload']>()
      expectTypeOf(payload.number_of_segments).toEqualTypeOf<number>()
      expectTypeOf(payload.status).toEqualTypeOf<Schemas['Webhooks.Messaging.MessageStatusCallbackPayload']['status']>()
    }
  })

  it('narrows an inbound message to its JSON payload', () => {
    if (isSignalWireWebhook(payload, 'inboundMessageWebhook')) {
      expectTypeOf(payload).toEqualTypeOf<Schemas['Webhooks.Messaging.InboundMessageWebhookPayload']>()
      expectTypeOf(payload.message).toEqualTypeOf<
        Schemas['Webhooks.Messaging.InboundMessageWebhookPayload']['message']
      >()
    }
  })

  it('narrows a Compatibility status callback to its form fields, every value text', () => {
    if (isSignalWireWebhook(payload, 'smsStatusCallback')) {
      expectTypeOf(payload.MessageStatus).toEqualTypeOf<Schemas['SmsStatusCallbackPayload']['MessageStatus']>()
      expectTypeOf(payload.NumSegments).toEqualTypeOf<string>()
      expectTypeOf(payload.ErrorCode).toEqualTypeOf<string | undefined>()
      // @ts-expect-error a form carries no numbers
      expectTypeOf(payload.NumMedia).toEqualTypeOf<number>()
    }
  })

  it('narrows to the union of the documented payloads, and leaves the rest loose', () => {
    if (isDocumentedSignalWireWebhook(payload)) {
      expectTypeOf(payload).toEqualTypeOf<SignalWireKnownWebhookPayload>()
    } else {
      expectTypeOf(payload).toExtend<Record<string, unknown>>()
    }
    // @ts-expect-error only the spec's webhooks have a guard
    isSignalWireWebhook(payload, 'voiceStatusCallback')
  })
})
