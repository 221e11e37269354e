import { describe, expectTypeOf, it } from 'vitest'
import { createMessenger, type Message, type QuoSendInput } from '../../src/index.js'
import { createSendQueue, type QueueCounts, type SerializedError, type UnknownJob } from '../../src/queue.js'

const sms = createMessenger({ provider: 'quo', apiKey: 'k', from: '+15555550100' })

describe('send queue types', () => {
  it("takes the messenger's own send input, and an id", () => {
    const queue = createSendQueue({ messenger: sms })
    expectTypeOf(queue.add).parameter(0).toEqualTypeOf<Parameters<typeof sms.send>[0]>()
    void queue.add({ to: '+15555550123', text: 'Hi' } satisfies QuoSendInput, { id: 'a' })
    // @ts-expect-error the id is required: it is the idempotency key
    void queue.add({ to: '+15555550123', text: 'Hi' })
    // @ts-expect-error not a Quo send input
    void queue.add({ recipient: '+15555550123' }, { id: 'b' })
  })

  it("types events with the messenger's message, counts and unknown jobs", () => {
    const queue = createSendQueue({ messenger: sms, rate: { max: 5, perMs: 1000, by: 'segment' } })
    queue.on('sent', (event) => {
      expectTypeOf(event.message).toEqualTypeOf<Message<'quo'> | undefined>()
      expectTypeOf(event.id).toBeString()
    })
    queue.on('unknown', (event) => expectTypeOf(event.error).toEqualTypeOf<SerializedError>())
    expectTypeOf(queue.counts()).resolves.toEqualTypeOf<QueueCounts>()
    expectTypeOf(queue.unknown()).resolves.toMatchTypeOf<UnknownJob[]>()
    // @ts-expect-error no such event
    queue.on('done', () => undefined)
    // @ts-expect-error by is 'request' or 'segment'
    createSendQueue({ messenger: sms, rate: { max: 5, perMs: 1000, by: 'byte' } })
  })
})
