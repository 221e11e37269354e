// The bytes stored as specs/<provider>/openapi.yaml.
import { isDeepStrictEqual } from 'node:util'
import { CORE_SCHEMA, load, YAML11_SCHEMA } from 'js-yaml'
import { stringify } from 'yaml'

/** Readers of the written text: YAML 1.1's schema and YAML 1.2's core schema (js-yaml's). */
const READERS = [
  ['1.1', YAML11_SCHEMA],
  ['1.2', CORE_SCHEMA],
]

/**
 * The vendor file as stored. A YAML document of which nothing was left out is kept byte for
 * byte, as published. Otherwise (operations left out, or a JSON document) the kept part is
 * written as YAML, quoted for YAML 1.1 too, so that a string such as 2022-01-01T00:00:00Z
 * or "yes" stays a string for every reader; reading it back must give the same document, under
 * either version, with a reader other than the writer.
 */
export function vendorFileBytes(input, kept) {
  const json = /^\s*\{/.test(input.bytes.toString('utf8', 0, 64))
  if (kept.dropped + kept.webhooks === 0 && !json) return input.bytes
  const text = stringify(kept.spec, { version: '1.1', lineWidth: 100, singleQuote: true, aliasDuplicateObjects: false })
  for (const [version, schema] of READERS) {
    if (!isDeepStrictEqual(load(text, { schema, maxAliases: -1, maxDepth: 1000 }), kept.spec)) {
      throw new Error(`the YAML written for ${input.from} does not read back the same under YAML ${version}`)
    }
  }
  return Buffer.from(text)
}
