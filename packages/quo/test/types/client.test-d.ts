import { describe, expectTypeOf, it } from 'vitest'
import { type components, createQuoClient, type operations, type paths } from '../../src/index.js'

const quo = createQuoClient({ apiKey: 'k' })

describe('Quo client types', () => {
  it('re-exports the generated paths, components and operations', () => {
    // The whole API (every operation of the spec is walked by test/contract/operations.test.ts).
    expectTypeOf<
      '/v1/messages' | '/v1/messages/{id}' | '/v1/contacts/{id}' | '/v1/conversations' | '/v1/webhooks/messages'
    >().toExtend<keyof paths>()
    expectTypeOf<
      'sendMessage_v1' | 'listMessages_v1' | 'getMessageById_v1' | 'createContact_v1' | 'createMessageWebhook_v1'
    >().toExtend<keyof operations>()
    // @ts-expect-error no such path
    expectTypeOf<'/v1/message'>().toExtend<keyof paths>()
    expectTypeOf<components>().toHaveProperty('schemas')
  })

  it('types the success data of each operation', async () => {
    const sent = await quo.POST('/v1/messages', { body: { from: '+1', to: ['+1'], content: 'x' } })
    expectTypeOf(sent.data?.data.status).toEqualTypeOf<
      'queued' | 'sent' | 'delivered' | 'undelivered' | 'received' | undefined
    >()
    const got = await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC1' } } })
    // Quo documents userId as null for incoming messages (fixed by the overlay).
    expectTypeOf(got.data?.data.userId).toEqualTypeOf<string | null | undefined>()
    const page = await quo.GET('/v1/messages', {
      params: { query: { phoneNumberId: 'PN1', participants: ['+1'], maxResults: 10 } },
    })
    expectTypeOf(page.data?.nextPageToken).toEqualTypeOf<string | null | undefined>()
  })

  it('rejects a wrong body, a missing required query parameter and a wrong path', () => {
    // @ts-expect-error content is required
    quo.POST('/v1/messages', { body: { from: '+1', to: ['+1'] } })
    // @ts-expect-error to is a list of recipients, not one string
    quo.POST('/v1/messages', { body: { from: '+1', to: '+1', content: 'x' } })
    // @ts-expect-error maxResults is a required query parameter
    quo.GET('/v1/messages', { params: { query: { phoneNumberId: 'PN1', participants: ['+1'] } } })
    // @ts-expect-error the path parameter id is required
    quo.GET('/v1/messages/{id}', {})
    // @ts-expect-error no such path
    quo.GET('/v1/message/{id}', { params: { path: { id: 'AC1' } } })
    // @ts-expect-error GET /v1/messages takes no body and POST is the only way to send
    quo.PUT('/v1/messages', { body: {} })
  })

  it('rejects creating a client without a key', () => {
    // @ts-expect-error apiKey is required
    createQuoClient({})
    // @ts-expect-error unknown option
    createQuoClient({ apiKey: 'k', apikey: 'k' })
  })
})
