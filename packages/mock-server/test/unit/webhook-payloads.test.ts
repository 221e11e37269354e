import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resolveProviderSpec } from '../../src/index.js'
import { quoProfile } from '../../src/stateful/quo.js'
import { signalWireProfile } from '../../src/stateful/signalwire.js'

const specOf = (provider: string) => JSON.parse(readFileSync(resolveProviderSpec(provider), 'utf8'))

/** The spec with one webhook whose request body has `example`. */
function withWebhook(document: Record<string, unknown>, name: string, example: unknown) {
  const body = { required: true, content: { 'application/json': { schema: { type: 'object' }, example } } }
  return {
    ...document,
    webhooks: { [name]: { post: { requestBody: body, responses: { '200': { description: 'ok' } } } } },
  }
}

describe('webhook payload builders', () => {
  it('build Quo’s v1 envelope when the spec has no webhooks', () => {
    const profile = quoProfile({ document: specOf('quo') })
    const message = profile.inbound({ text: 'Hi' }, undefined)
    expect(profile.payload('message.received', message, 'EVone')).toEqual({
      id: 'EVone',
      object: 'event',
      apiVersion: 'v1',
      createdAt: expect.any(String),
      type: 'message.received',
      data: {
        object: expect.objectContaining({
          id: message.id,
          object: 'message',
          text: 'Hi',
          direction: 'incoming',
          media: [],
        }),
      },
    })
  })

  it('start from the spec’s webhook example once the spec has one, keeping the fields it adds', () => {
    const example = {
      id: 'EVx',
      object: 'event',
      apiVersion: 'v9',
      createdAt: 'then',
      type: 'message.received',
      extra: 1,
      data: { object: { id: 'ACx', conversationId: 'CNx', spoken: true } },
    }
    const profile = quoProfile({ document: withWebhook(specOf('quo'), 'message.received', example) })
    const message = profile.inbound({ text: 'Hi' }, undefined)
    const payload = profile.payload('message.received', message, 'EVtwo')
    expect(payload).toMatchObject({
      id: 'EVtwo',
      apiVersion: 'v9',
      extra: 1,
      data: { object: { id: message.id, spoken: true, text: 'Hi' } },
    })
  })

  it('build SignalWire’s REST messageStatusCallback from its documented fields, or from the spec’s example', () => {
    const plain = signalWireProfile({ document: specOf('signalwire') })
    expect(Object.keys(plain.payload('messageStatusCallback', undefined, 'id')).sort()).toEqual(
      [
        'id',
        'project_id',
        'status',
        'to',
        'from',
        'body',
        'number_of_segments',
        'timestamp',
        'error_code',
        'error_message',
      ].sort(),
    )
    expect(Object.keys(plain.payload('inboundMessageWebhook', undefined, 'id')).sort()).toEqual([
      'message',
      'params',
      'vars',
    ])
    const example = { id: 'x', status: 'sent', custom_variables: { order: '7' } }
    const documented = signalWireProfile({
      document: withWebhook(specOf('signalwire'), 'messageStatusCallback', example),
    })
    expect(documented.payload('messageStatusCallback', undefined, 'id')).toEqual(example)
  })
})
