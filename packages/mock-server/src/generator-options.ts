import { createRequire } from 'node:module'
import { resetJSONSchemaGenerator } from '@stoplight/prism-http'

interface Faker {
  option(options: Record<string, unknown>): void
}

// Prism's own copy of the schema faker: the CommonJS one it requires, which an ESM import of
// the same package does not reach.
const fromHere = createRequire(import.meta.url)
const prismFaker = (
  createRequire(fromHere.resolve('@stoplight/prism-http'))('json-schema-faker') as { JSONSchemaFaker: Faker }
).JSONSchemaFaker

/**
 * Puts the schema faker of Prism's dynamic mode back to Prism's options, but without the
 * random extra properties it adds by default: a schema that closes its object with
 * `unevaluatedProperties` (which the faker does not read) would never get a body that fits.
 * Called once a mock starts and after each sample (in CommonJS, sampleRequest and Prism
 * share the faker), so that neither one's options leak into the other's.
 */
export function restoreMockGenerator(): void {
  resetJSONSchemaGenerator()
  prismFaker.option({ fillProperties: false })
}
