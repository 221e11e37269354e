import { describe, expect, it } from 'vitest'
import { operationRules, pruneSchema, renderRules, rulesName } from '../lib/rules.mjs'

const spec = {
  openapi: '3.1.0',
  paths: {
    '/texts/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      post: {
        operationId: 'send-text_v2',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Text' } } } },
      },
      get: { operationId: 'getText' },
    },
  },
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^T' } } },
    schemas: {
      Text: {
        type: 'object',
        description: 'dropped',
        required: ['body'],
        properties: {
          body: { type: 'string', maxLength: 160, examples: ['hi'] },
          kind: { enum: ['sms', 'mms'] },
          to: { type: 'array', minItems: 1, items: { anyOf: [{ pattern: '^\\+' }, { type: 'string' }] } },
          self: { $ref: '#/components/schemas/Text' },
        },
      },
    },
  },
}

describe('rules.ts from a final spec', () => {
  it('names each operation after its operationId', () => {
    expect(rulesName('send-text_v2')).toBe('sendTextV2Rules')
    expect(rulesName('create_message')).toBe('createMessageRules')
    expect(rulesName('2fa')).toBe('_2faRules')
  })

  it('keeps the constraints of body and parameters, refs resolved, and drops the rest', () => {
    const [post] = operationRules(spec).filter((op) => op.method === 'post')
    expect(post?.rules).toEqual({
      path: { id: { pattern: '^T', required: true } },
      query: { limit: { minimum: 1, maximum: 50, default: 10 } },
      body: {
        required: ['body'],
        properties: {
          body: { maxLength: 160 },
          kind: { enum: ['sms', 'mms'] },
          to: { minItems: 1, items: { anyOf: [{ pattern: '^\\+' }, {}] } },
          // `self` refers back to Text: the cycle stops there, and it is left out.
        },
      },
    })
  })

  it('gives an operation without a request its parameters only, and nothing when there are none', () => {
    const get = operationRules(spec).find((op) => op.method === 'get')
    expect(get?.rules).toEqual({ path: { id: { pattern: '^T', required: true } } })
    expect(pruneSchema(spec, { type: 'string', description: 'x' })).toBeUndefined()
  })

  it('renders one `as const` export per operation under the header', () => {
    const text = renderRules(spec, '/** header */\n')
    expect(text.startsWith('/** header */\n')).toBe(true)
    expect(text).toContain('export const sendTextV2Rules = {')
    expect(text).toContain('export const getTextRules = {')
    expect(text.match(/ as const\n/g)).toHaveLength(2)
  })
})
