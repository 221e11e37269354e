import { describe, expectTypeOf, it } from 'vitest'
import { type components, createTextUsClient, type operations, type paths } from '../../src/index.js'

const textus = createTextUsClient({ token: 't', account: 'a' })

describe('TextUs client types', () => {
  it('re-exports the generated paths, components and operations', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<'/{account}/messages'>()
    expectTypeOf<keyof operations>().toEqualTypeOf<
      | 'sendMessage'
      | 'messageReceivedWebhook'
      | 'messageDeliveredWebhook'
      | 'messageFailedWebhook'
      | 'messageUnknownWebhook'
    >()
    expectTypeOf<components['schemas']['Message']['deliveryState']>().toEqualTypeOf<string>()
  })

  it('needs no account on a call (the client fills it in) and types the 201 Message', async () => {
    const { data } = await textus.POST('/{account}/messages', { body: { to: '+1', body: 'x' } })
    expectTypeOf(data?.channel).toEqualTypeOf<'sms' | 'whatsapp' | undefined>()
  })

  it('takes one recipient or a list', () => {
    textus.POST('/{account}/messages', { body: { to: ['+1', '+2'], body: 'x' } })
  })

  it('rejects a wrong body and a wrong path', () => {
    // @ts-expect-error a template needs channel: 'whatsapp'
    textus.POST('/{account}/messages', { body: { to: '+1', template: { id: 't' } } })
    // @ts-expect-error a text message needs a body
    textus.POST('/{account}/messages', { body: { to: '+1' } })
    // @ts-expect-error a text message cannot carry a template
    textus.POST('/{account}/messages', { body: { to: '+1', body: 'x', template: { id: 't' } } })
    // @ts-expect-error no such path
    textus.POST('/messages', { body: { to: '+1', body: 'x' } })
  })
})
