import { describe, expectTypeOf, it } from 'vitest'
import {
  type AcceptedMessage,
  type BroadcastResult,
  createMessenger,
  hasCapability,
  type Message,
  type Messenger,
  type MessengerOptions,
  type QuoMessenger,
  type SignalWireMessenger,
  type TextUsMessenger,
} from '../../src/index.js'

const quo = createMessenger({ provider: 'quo', apiKey: 'k', from: '+15555550100' })
const signalwire = createMessenger({
  provider: 'signalwire',
  space: 'x',
  projectId: 'p',
  apiToken: 't',
  from: '+15555550100',
})
const textus = createMessenger({ provider: 'textus', token: 't', account: 'a' })

describe('createMessenger types', () => {
  it('returns the messenger of the provider named', () => {
    expectTypeOf(quo).toEqualTypeOf<QuoMessenger>()
    expectTypeOf(signalwire).toEqualTypeOf<SignalWireMessenger>()
    expectTypeOf(textus).toEqualTypeOf<TextUsMessenger>()
    const options = {} as MessengerOptions
    expectTypeOf(createMessenger(options)).toEqualTypeOf<Messenger>()
  })

  it('rejects missing, unknown and mixed-up options at compile time', () => {
    // @ts-expect-error apiKey is required for quo
    createMessenger({ provider: 'quo', from: '+1' })
    // @ts-expect-error from is required for quo
    createMessenger({ provider: 'quo', apiKey: 'k' })
    // @ts-expect-error token belongs to textus
    createMessenger({ provider: 'quo', apiKey: 'k', from: '+1', token: 't' })
    // @ts-expect-error no such provider
    createMessenger({ provider: 'twilio', apiKey: 'k' })
    // @ts-expect-error signalwire takes a space or a base URL, not both
    createMessenger({
      provider: 'signalwire',
      space: 'x',
      baseUrl: 'https://x',
      projectId: 'p',
      apiToken: 't',
      from: '+1',
    })
    // @ts-expect-error signalwire needs one of space and baseUrl
    createMessenger({ provider: 'signalwire', projectId: 'p', apiToken: 't', from: '+1' })
    // @ts-expect-error account is required for textus
    createMessenger({ provider: 'textus', token: 't' })
  })

  it('has get and list only where the provider can', () => {
    expectTypeOf(quo.get('AC1')).resolves.toEqualTypeOf<Message<'quo'>>()
    expectTypeOf(quo.list({ participants: ['+1'] })).toEqualTypeOf<AsyncGenerator<Message<'quo'>, void, undefined>>()
    // @ts-expect-error SignalWire cannot get a message
    signalwire.get('x')
    // @ts-expect-error TextUs cannot list messages
    textus.list({ participants: ['+1'] })
    expectTypeOf(quo.capabilities.list).toEqualTypeOf<true>()
    expectTypeOf(signalwire.capabilities.list).toEqualTypeOf<false>()
  })

  it('narrows a messenger of any provider by capability or by provider', () => {
    const sms = {} as Messenger
    // @ts-expect-error not every messenger can list
    sms.list
    if (hasCapability(sms, 'list')) expectTypeOf(sms).toEqualTypeOf<QuoMessenger>()
    if (sms.provider === 'textus') expectTypeOf(sms).toEqualTypeOf<TextUsMessenger>()
  })

  it('types what a send returns: a message, a group message, or a result per recipient', () => {
    expectTypeOf(quo.send({ to: '+1', text: 'x' })).resolves.toEqualTypeOf<Message<'quo'>>()
    expectTypeOf(quo.send({ to: ['+1', '+2'], text: 'x', delivery: 'group' })).resolves.toEqualTypeOf<Message<'quo'>>()
    expectTypeOf(signalwire.broadcast({ to: ['+1', '+2'], text: 'x' })).resolves.toEqualTypeOf<
      BroadcastResult<'signalwire'>
    >()
    expectTypeOf(quo.broadcast({ to: ['+1', '+2'], text: 'x' })).resolves.toEqualTypeOf<BroadcastResult<'quo'>>()
    expectTypeOf(textus.send({ to: '+1', text: 'x' })).resolves.toEqualTypeOf<
      Message<'textus'> | AcceptedMessage<'textus'>
    >()
  })

  it('lets a messenger of any provider send and broadcast (the provider is configuration)', () => {
    const sms = {} as Messenger
    expectTypeOf(sms.send({ to: '+1', text: 'x' })).resolves.toHaveProperty('status')
    expectTypeOf(sms.broadcast({ to: ['+1'], text: 'x' })).resolves.toHaveProperty('results')
  })

  it('rejects sends a provider cannot make', () => {
    // @ts-expect-error several recipients need a delivery
    quo.send({ to: ['+1', '+2'], text: 'x' })
    // @ts-expect-error SignalWire has no group conversations
    signalwire.send({ to: ['+1', '+2'], text: 'x', delivery: 'group' })
    // @ts-expect-error a broadcast takes a list
    quo.broadcast({ to: '+1', text: 'x' })
    // @ts-expect-error Quo sends no media
    quo.send({ to: '+1', text: 'x', media: ['https://e.com/a.png'] })
    // @ts-expect-error a TextUs template is WhatsApp only
    textus.send({ to: '+1', template: { id: 't' } })
    // @ts-expect-error Quo needs text
    quo.send({ to: '+1' })
  })

  it('types the raw payload per provider, narrowed by provider', () => {
    const message = {} as Message
    if (message.provider === 'quo') expectTypeOf(message.raw.conversationId).toEqualTypeOf<string>()
    if (message.provider === 'signalwire') expectTypeOf(message.raw.number_of_segments).toEqualTypeOf<number>()
    if (message.provider === 'textus') expectTypeOf(message.raw.deliveryState).toEqualTypeOf<string>()
  })
})
