import { describe, expectTypeOf, it } from 'vitest'
import {
  type AcceptedMessage,
  createMessenger,
  createRouter,
  type Message,
  type ProviderHealth,
  type RouteAttempt,
} from '../../src/index.js'

const quo = createMessenger({ provider: 'quo', apiKey: 'k', from: '+15555550100' })
const signalwire = createMessenger({ provider: 'signalwire', space: 'x', projectId: 'p', apiToken: 't', from: '+1555' })
const textus = createMessenger({ provider: 'textus', token: 't', account: 'a' })
const sms = createRouter({ messengers: [quo, signalwire, textus], strategy: 'failover' })

describe('createRouter types', () => {
  it('resolves with a message of one of its providers, and the attempts before it', async () => {
    const msg = await sms.send({ to: '+15555550123', text: 'Your code is 1234' })
    expectTypeOf(msg.provider).toEqualTypeOf<'quo' | 'signalwire' | 'textus'>()
    expectTypeOf(msg.attempts).toEqualTypeOf<RouteAttempt[]>()
    expectTypeOf(msg).toExtend<Message | AcceptedMessage<'textus'>>()
    expectTypeOf(sms.health()).toEqualTypeOf<ProviderHealth[]>()
  })

  it("takes any input one of its messengers takes, but not `from` (a messenger's own)", () => {
    sms.send({ to: '+15555550123', text: 'x', media: ['https://example.com/a.png'] })
    // @ts-expect-error a sender belongs to one messenger
    sms.send({ to: '+15555550123', text: 'x', from: '+15555550100' })
    // @ts-expect-error no messenger takes it
    sms.send({ to: '+15555550123', text: 'x', colour: 'red' })
    sms.broadcast({ to: ['+15555550123', '+15555550124'], text: 'x' })
  })

  it('a router of Quo alone sends Quo messages', async () => {
    const only = createRouter({ messengers: [quo] })
    expectTypeOf((await only.send({ to: '+15555550123', text: 'x' })).provider).toEqualTypeOf<'quo'>()
  })
})
