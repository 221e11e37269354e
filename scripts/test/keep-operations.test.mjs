import { describe, expect, it } from 'vitest'
import { keepOperations } from '../lib/operations.mjs'

const ok = { description: 'OK' }
const document = {
  openapi: '3.1.0',
  info: { title: 'Fixture', version: '1' },
  paths: {
    '/calls': { get: { operationId: 'listCalls', responses: { 200: ok } } },
    '/messages': {
      parameters: [],
      get: {
        operationId: 'listMessages',
        responses: {
          200: {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } },
          },
        },
      },
      delete: { operationId: 'purgeMessages', responses: { 204: ok } },
    },
  },
  webhooks: { received: { post: { operationId: 'received', responses: { 200: ok } } } },
  components: {
    schemas: {
      // A field named like an HTTP method must survive the filtering.
      Page: { type: 'object', properties: { trace: { type: 'string' }, get: { type: 'boolean' } } },
      Call: { type: 'object' },
    },
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
  },
}

describe('keepOperations', () => {
  it('keeps the listed operations and the components they use, and nothing else', async () => {
    const kept = await keepOperations(document, ['listMessages'], 'fixture.json')
    expect(kept).toMatchObject({ total: 3, dropped: 2, webhooks: 1 })
    expect(kept.spec.paths).toEqual({ '/messages': { parameters: [], get: document.paths['/messages'].get } })
    expect(kept.spec.webhooks).toBeUndefined()
    expect(kept.spec.components).toEqual({
      schemas: { Page: document.components.schemas.Page },
      securitySchemes: document.components.securitySchemes,
    })
  })

  it('keeps the listed webhooks, with the components their payloads use', async () => {
    const withPayload = structuredClone(document)
    withPayload.webhooks.received.post.requestBody = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Call' } } },
    }
    withPayload.webhooks.other = { post: { operationId: 'other', responses: { 200: ok } } }
    const kept = await keepOperations(withPayload, ['listMessages'], 'fixture.json', ['received'])
    expect(kept).toMatchObject({ dropped: 2, webhooks: 1, keptWebhooks: 1 })
    expect(kept.spec.webhooks).toEqual({ received: withPayload.webhooks.received })
    expect(kept.spec.components.schemas).toEqual(document.components.schemas)
    const whole = await keepOperations(document, ['listCalls', 'listMessages', 'purgeMessages'], 'f', ['received'])
    expect(whole.spec).toBe(document)
  })

  it('names the listed webhooks the document does not have', async () => {
    await expect(keepOperations(document, ['listMessages'], 'fixture.json', ['sent'])).rejects.toThrow(
      /fixture\.json has no webhook "sent" \(it has 1: received\)/,
    )
  })

  it('returns the document itself when it ships every operation and has no webhooks', async () => {
    const { webhooks: _webhooks, ...plain } = document
    const kept = await keepOperations(plain, ['listCalls', 'listMessages', 'purgeMessages'], 'fixture.json')
    expect(kept.spec).toBe(plain)
    expect(kept.dropped).toBe(0)
  })

  it('names the listed operations the document does not have', async () => {
    await expect(keepOperations(document, ['listMessages', 'sendMessage'], 'fixture.json')).rejects.toThrow(
      /fixture\.json has no operation "sendMessage" \(renamed or removed\? it has 3: listCalls, listMessages, purgeMessages\)/,
    )
  })
})
