import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCompare } from 'api-smart-diff'
import { describe, expect, it } from 'vitest'
import { compareSpecs, specDiffs } from '../lib/spec-diff.mjs'
import { ROOT } from './helpers/temp-repo.mjs'

// Part of Quo's final spec: path items with and without a `$ref`, its components and webhooks
// (the whole document takes the library seconds to walk; this part, a fraction of one).
const quo = JSON.parse(readFileSync(join(ROOT, 'packages', 'quo', 'src', 'generated', 'openapi.json'), 'utf8'))
const holdsRef = (value) => JSON.stringify(value).includes('"$ref"')
const names = Object.keys(quo.paths)
const chosen = [
  ...names.filter((name) => holdsRef(quo.paths[name])).slice(0, 2),
  ...names.filter((name) => !holdsRef(quo.paths[name])).slice(0, 4),
]
const base = { ...quo, paths: Object.fromEntries(chosen.map((name) => [name, quo.paths[name]])) }
const [withRef, , plain, second] = chosen
const method = (name) => Object.keys(base.paths[name]).find((key) => base.paths[name][key]?.responses)

/** The same document with `change` applied to a copy of it. */
function changed(change) {
  const after = structuredClone(base)
  change(after)
  return after
}

const schemaOf = (spec, name) =>
  Object.values(spec.paths[name][method(name)].responses)[0].content['application/json'].schema

const CASES = {
  'a description edited': (spec) => {
    spec.paths[plain][method(plain)].description = 'Reworded.'
  },
  'a response property removed': (spec) => {
    const schema = schemaOf(spec, second)
    const [first] = Object.keys(schema.properties)
    delete schema.properties[first]
  },
  'an optional request field added': (spec) => {
    const operation = spec.paths[plain][method(plain)]
    operation.parameters = [...(operation.parameters ?? []), { name: 'since', in: 'query', schema: { type: 'string' } }]
  },
  'a component that a path item points at changed': (spec) => {
    const name = /"#\/components\/schemas\/([^"]+)"/.exec(JSON.stringify(spec.paths[withRef]))[1]
    spec.components.schemas[name] = { ...spec.components.schemas[name], description: 'Changed.', minProperties: 1 }
  },
  'a path item renamed': (spec) => {
    spec.paths[`${plain}/v2`] = spec.paths[plain]
    delete spec.paths[plain]
  },
  'a path item added and one removed': (spec) => {
    spec.paths['/v9/new'] = structuredClone(spec.paths[second])
    delete spec.paths[withRef]
  },
  'a webhook changed': (spec) => {
    const [name] = Object.keys(spec.webhooks)
    spec.webhooks[name].post.description = 'Changed.'
  },
  'the security of every operation changed': (spec) => {
    spec.security = [{ apiKey: [] }, {}]
  },
  'a security scheme changed': (spec) => {
    const [name] = Object.keys(spec.components.securitySchemes)
    spec.components.securitySchemes[name] = { ...spec.components.securitySchemes[name], name: 'X-Other-Key' }
  },
  'the servers changed': (spec) => {
    spec.servers = [{ url: 'https://api.example.test' }]
  },
}

describe('the spec diff', () => {
  it.each(Object.keys(CASES))('gives the diffs of the whole documents: %s', (name) => {
    const after = changed(CASES[name])
    const whole = apiCompare(structuredClone(base), structuredClone(after)).diffs
    expect(whole.length).toBeGreaterThan(0)
    expect(specDiffs(structuredClone(base), structuredClone(after))).toEqual(whole)
  })

  it('finds no change between a document and its copy, and calls it a patch', () => {
    expect(specDiffs(base, structuredClone(base))).toEqual([])
    expect(compareSpecs(base, structuredClone(base))).toMatchObject({ bump: 'patch', total: 0, summary: '' })
  })

  it('classifies a removed response property as breaking, under its operation', () => {
    const result = compareSpecs(structuredClone(base), changed(CASES['a response property removed']))
    expect(result.bump).toBe('major')
    expect(result.summary).toContain('**Breaking changes**')
    expect(result.summary).toContain(`\`${method(second).toUpperCase()} ${second}\``)
  })
})
