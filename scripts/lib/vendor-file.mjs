// The bytes stored as specs/<provider>/openapi.yaml.
import { isDeepStrictEqual } from 'node:util'
import { parse as parseYaml, stringify } from 'yaml'

/**
 * The vendor file as stored. A YAML document of which nothing was left out is kept byte for
 * byte, as published. Otherwise (operations left out, or a JSON document) the kept part is
 * written as YAML, quoted for YAML 1.1 too, so that a string such as 2022-01-01T00:00:00Z
 * or "yes" stays a string for every reader; reading it back must give the same document.
 */
export function vendorFileBytes(input, kept) {
  const json = /^\s*\{/.test(input.bytes.toString('utf8', 0, 64))
  if (kept.dropped + kept.webhooks === 0 && !json) return input.bytes
  const text = stringify(kept.spec, { version: '1.1', lineWidth: 100, singleQuote: true, aliasDuplicateObjects: false })
  for (const version of ['1.1', '1.2']) {
    if (!isDeepStrictEqual(parseYaml(text, { version, maxAliasCount: -1 }), kept.spec)) {
      throw new Error(`the YAML written for ${input.from} does not read back the same under YAML ${version}`)
    }
  }
  return Buffer.from(text)
}
