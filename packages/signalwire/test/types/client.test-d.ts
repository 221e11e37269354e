import { describe, expectTypeOf, it } from 'vitest'
import { createSignalWireClient, type operations, type paths } from '../../src/index.js'

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
