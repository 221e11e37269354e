import { createRequire } from 'node:module'
import { resetJSONSchemaGenerator } from '@stoplight/prism-http'

interface Faker {
  option(options: Record<string, unknown>): void
  generate(schema: Record<string, unknown>, ...rest: unknown[]): unknown
}

// Prism's own copy of the schema faker: the CommonJS one it requires, which an ESM import of
// the same package does not reach.
const fromHere = createRequire(import.meta.url)
const prismFaker = (
  createRequire(fromHere.resolve('@stoplight/prism-http'))('json-schema-faker') as { JSONSchemaFaker: Faker }
).JSONSchemaFaker

// Prism (5.16) copies the schema of a dynamic body before the faker walks it, but hands over
// the operation's shared `__bundled__` definitions as they are, and the faker writes what it
// resolves into them: once one operation's body is generated, another that shares a component
// gets the component's annotations (`{ description, examples }`) as a value, or the faker
// fails (a 500). The faker gets its own copy of the definitions the schema reaches instead.
const pristine = new WeakMap<object, Map<string, string>>()
const BUNDLED = '#/__bundled__/'
const generate = prismFaker.generate.bind(prismFaker)
prismFaker.generate = (schema, ...rest) => {
  const { __bundled__: bundled, ...own } = schema
  if (!bundled || typeof bundled !== 'object') return generate(schema, ...rest)
  let texts = pristine.get(bundled)
  if (!texts) {
    texts = new Map()
    pristine.set(bundled, texts)
  }
  const copy: Record<string, unknown> = {}
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
      return
    }
    const ref = (node as Record<string, unknown>).$ref
    if (typeof ref === 'string' && ref.startsWith(BUNDLED)) {
      const name = decodeURIComponent(ref.slice(BUNDLED.length).split('/')[0] ?? '')
        .replace(/~1/g, '/')
        .replace(/~0/g, '~')
      const definition = (bundled as Record<string, unknown>)[name]
      if (!(name in copy) && definition !== undefined) {
        let text = texts.get(name)
        if (text === undefined) {
          text = JSON.stringify(definition)
          texts.set(name, text)
        }
        copy[name] = JSON.parse(text)
        visit(copy[name])
      }
    }
    for (const value of Object.values(node)) visit(value)
  }
  visit(own)
  return generate({ ...own, __bundled__: copy }, ...rest)
}

/** How many times the faker follows one `$ref` in one value (Prism's and the request sampler's). */
export const REF_DEPTH = 12

/**
 * Puts the schema faker of Prism's dynamic mode back to Prism's options, but without the
 * random extra properties it adds by default: a schema that closes its object with
 * `unevaluatedProperties` (which the faker does not read) would never get a body that fits,
 * and with a fixed budget of uses per `$ref` instead of a random one of 0 to 3 (past it, the
 * faker leaves the $ref's annotations, `{ description, examples }`, as the value).
 * Called once a mock starts and after each sample (in CommonJS, sampleRequest and Prism
 * share the faker), so that neither one's options leak into the other's.
 */
export function restoreMockGenerator(): void {
  resetJSONSchemaGenerator()
  prismFaker.option({ fillProperties: false, refDepthMin: REF_DEPTH, refDepthMax: REF_DEPTH })
}
