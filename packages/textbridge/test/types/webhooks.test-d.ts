import type { components as QuoComponents } from '@textbridge/quo'
import type { components as SignalWireComponents } from '@textbridge/signalwire'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createWebhookReceiver,
  isDocumentedQuoWebhook,
  isSignalWireWebhook,
  type QuoWebhookPayload,
  type SignalWireWebhookPayload,
  type TextUsWebhookPayload,
} from '../../src/index.js'

const signalwire = createWebhookReceiver({ provider: 'signalwire', signingKey: 'key' })
const quo = createWebhookReceiver({ provider: 'quo', secret: 'c2VjcmV0' })
const textus = createWebhookReceiver({ provider: 'textus', secret: 'secret' })
type Schemas = SignalWireComponents['schemas']

describe('the receiver types each event’s raw payload by the provider’s spec', () => {
  it('hands each provider’s payload type as raw', async () => {
    expectTypeOf((await signalwire.verify(new Request('https://x'))).raw).toEqualTypeOf<SignalWireWebhookPayload>()
    expectTypeOf((await quo.verify(new Request('https://x'))).raw).toEqualTypeOf<QuoWebhookPayload>()
    expectTypeOf((await textus.verify(new Request('https://x'))).raw).toEqualTypeOf<TextUsWebhookPayload>()
  })

  it('narrows a SignalWire status event’s raw to the REST or the Compatibility callback', async () => {
    const event = await signalwire.verify(new Request('https://x'))
    if (event.type !== 'message.status') return
    if (isSignalWireWebhook(event.raw, 'messageStatusCallback')) {
      expectTypeOf(event.raw).toEqualTypeOf<Schemas['Webhooks.Messaging.MessageStatusCallbackPayload']>()
    }
    if (isSignalWireWebhook(event.raw, 'smsStatusCallback')) {
      expectTypeOf(event.raw.MessageStatus).toEqualTypeOf<Schemas['SmsStatusCallbackPayload']['MessageStatus']>()
      expectTypeOf(event.raw.NumSegments).toEqualTypeOf<string>()
    }
  })

  it('narrows a Quo event’s raw to the documented envelopes, v1 and dated', async () => {
    const event = await quo.verify(new Request('https://x'))
    if (isDocumentedQuoWebhook(event.raw)) {
      expectTypeOf(event.raw).toExtend<QuoComponents['schemas']['QuoMessageWebhookPayload']>()
      const { data } = event.raw
      if ('resource' in data) {
        expectTypeOf(data).toEqualTypeOf<QuoComponents['schemas']['QuoDatedMessageWebhook']['data']>()
      }
    }
  })
})
