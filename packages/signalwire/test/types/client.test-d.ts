import { describe, expectTypeOf, it } from 'vitest'
import { type components, createSignalWireClient, type operations, type paths } from '../../src/index.js'

const sw = createSignalWireClient({ space: 'example', projectId: 'p', apiToken: 't' })

describe('SignalWire client types', () => {
  it('re-exports the generated paths and operations', () => {
    expectTypeOf<'/api/messaging/messages' | '/api/messaging/logs' | '/api/messaging/messages/{message_id}'>().toExtend<
      keyof paths
    >()
    expectTypeOf<'create_message' | 'update_message' | 'list_message_logs' | 'get_message_log'>().toExtend<
      keyof operations
    >()
  })

  it('does not ask for an Authorization header on each call (the overlay removed it)', async () => {
    const { data } = await sw.POST('/api/messaging/messages', { body: { from: '+1', to: '+1', body: 'x' } })
    expectTypeOf(data?.status).toEqualTypeOf<
      'queued' | 'initiated' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read' | undefined
    >()
  })

  it('keeps send_as_mms optional despite its default', () => {
    // The SMS/MMS branch of the body (the others are WhatsApp's).
    type Body = Extract<
      NonNullable<paths['/api/messaging/messages']['post']['requestBody']>['content']['application/json'],
      { send_as_mms?: unknown }
    >
    expectTypeOf<Body['send_as_mms']>().toEqualTypeOf<boolean | undefined>()
  })

  it('takes custom_variables as string values under any key, as the spec says', () => {
    sw.POST('/api/messaging/messages', {
      body: { from: '+1', to: '+1', body: 'x', custom_variables: { order_id: '12345', case_number: '54321' } },
    })
    // @ts-expect-error each value is a string
    sw.POST('/api/messaging/messages', { body: { from: '+1', to: '+1', body: 'x', custom_variables: { order_id: 1 } } })
  })

  it('takes a template component with the fields its type carries (a BODY its text)', () => {
    // The spec: "Additional fields depend on the component type" (unevaluatedProperties: {}).
    const component: components['schemas']['WhatsAppTemplateComponent'] = {
      type: 'BODY',
      text: 'Your order {{1}} has shipped.',
    }
    expectTypeOf(component.type).toEqualTypeOf<string>()
    // @ts-expect-error `type` is required
    const untyped: components['schemas']['WhatsAppTemplateComponent'] = { text: 'x' }
    void untyped
  })

  it('rejects a wrong body and a wrong path', () => {
    // @ts-expect-error `to` is one number per request, not a list
    sw.POST('/api/messaging/messages', { body: { from: '+1', to: ['+1'], body: 'x' } })
    // @ts-expect-error from is required
    sw.POST('/api/messaging/messages', { body: { to: '+1', body: 'x' } })
    // @ts-expect-error no such path
    sw.POST('/api/messaging/message', { body: { from: '+1', to: '+1' } })
  })

  it('requires exactly one of space and baseUrl', () => {
    // @ts-expect-error both given
    createSignalWireClient({ space: 'a', baseUrl: 'https://x.test', projectId: 'p', apiToken: 't' })
    // @ts-expect-error neither given
    createSignalWireClient({ projectId: 'p', apiToken: 't' })
  })
})
