// The types read JSON Schema 2020-12's `unevaluatedProperties` as openapi-typescript reads
// `additionalProperties`: a spec that says "string values under any key" types as such.

import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { typesView } from '../lib/codegen.mjs'

const spec = (schemas) => ({
  openapi: '3.1.0',
  info: { title: 'fixture', version: '1' },
  paths: {},
  components: { schemas },
})

async function typesOf(schemas) {
  return astToString(await openapiTS(typesView(spec(schemas)), { silent: true }))
}

describe('typesView: unevaluatedProperties as the types read it', () => {
  it('types string values under any key, where openapi-typescript alone accepts no key', async () => {
    const schemas = { Vars: { type: 'object', unevaluatedProperties: { type: 'string' }, maxProperties: 20 } }
    expect(astToString(await openapiTS(spec(schemas), { silent: true }))).toMatch(/Vars: Record<string, never>/)
    expect(await typesOf(schemas)).toMatch(/Vars: \{\s*\[key: string\]: string;\s*\}/)
  })

  it('reads { not: {} } and false as no other property, and {} as any', async () => {
    const closed = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }
    const types = await typesOf({
      Closed: { ...closed, unevaluatedProperties: { not: {} } },
      False: { ...closed, unevaluatedProperties: false },
      Open: { type: 'object', unevaluatedProperties: {} },
    })
    expect(types).toMatch(/Closed: \{\s*a: string;\s*\};/)
    expect(types).toMatch(/False: \{\s*a: string;\s*\};/)
    expect(types).toMatch(/Open: \{\s*\[key: string\]: unknown;\s*\};/)
  })

  it('leaves a composed object, an explicit additionalProperties, examples and the spec itself as they are', () => {
    const input = spec({
      Composed: { allOf: [{ $ref: '#/components/schemas/Both' }], unevaluatedProperties: { type: 'string' } },
      Both: { type: 'object', additionalProperties: { type: 'number' }, unevaluatedProperties: { type: 'string' } },
      Example: { type: 'object', examples: [{ unevaluatedProperties: { type: 'string' } }] },
    })
    const before = structuredClone(input)
    const view = typesView(input)
    expect(input).toEqual(before)
    expect(view.components.schemas.Composed).not.toHaveProperty('additionalProperties')
    expect(view.components.schemas.Both.additionalProperties).toEqual({ type: 'number' })
    expect(view.components.schemas.Example).toEqual(before.components.schemas.Example)
  })
})
