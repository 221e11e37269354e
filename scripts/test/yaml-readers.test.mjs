// The scripts read YAML with js-yaml (fast on a vendor document) and write it with the `yaml`
// package: both must give every document the values `yaml`, the reader the scripts used
// before, gives it.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { parseDocument, UserError } from '../lib/specs.mjs'
import { vendorFileBytes } from '../lib/vendor-file.mjs'
import { ROOT } from './helpers/temp-repo.mjs'

const yamlFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => join(dir, file))
const DOCUMENTS = [...yamlFiles(join(ROOT, 'specs')), ...yamlFiles(join(import.meta.dirname, 'fixtures'))].map(
  (file) => [file.slice(ROOT.length + 1), file],
)

// Plain scalars that the YAML versions and schemas read differently.
const SCALARS = [
  '2022-01-01T00:00:00Z',
  '2022-01-01',
  'yes',
  'No',
  'on',
  'y',
  '~',
  'NULL',
  'True',
  '012',
  '0o12',
  '0x1F',
  '0b101',
  '1_000',
  '1:20',
  '+12',
  '-.5',
  '1.0',
  '1e3',
  '.inf',
  '-.Inf',
  '.NaN',
  "'quoted'",
  '"1"',
]

describe('YAML as the scripts read it', () => {
  it.each(DOCUMENTS)('%s reads as the yaml package reads it', (_name, file) => {
    const text = readFileSync(file, 'utf8')
    expect(parseDocument(text, file)).toStrictEqual(parseYaml(text, { version: '1.2' }))
  })

  it.each(SCALARS)('the plain scalar %s reads as under YAML 1.2 with the yaml package', (scalar) => {
    const text = `value: ${scalar}\nlist: [${scalar}]\n`
    expect(parseDocument(text, 'scalars.yaml')).toStrictEqual(parseYaml(text, { version: '1.2' }))
  })

  // What js-yaml alone would read otherwise: each of these goes to the yaml package.
  it.each([
    ['a %YAML 1.1 directive', '%YAML 1.1\n---\nenabled: yes\n'],
    ['an explicit tag', 'a: !!float 1\nb: !!str 12\n'],
    ['a null key', 'properties:\n  ~: {type: string}\n'],
    ['an empty key in a flow mapping', 'values: [{: x}]\n'],
    ['a number too large for a double', 'maximum: 1e400\nlist: [-2E+999]\n'],
  ])('reads a document with %s as the yaml package reads it', (_name, text) => {
    expect(parseDocument(text, 'edge.yaml')).toStrictEqual(parseYaml(text, { version: '1.2' }))
  })

  it('reads a document with aliases as the yaml package reads it', () => {
    const text = 'shared: &shared {type: string}\nfirst: *shared\nsecond: [*shared, *shared]\n'
    expect(parseDocument(text, 'aliases.yaml')).toStrictEqual(parseYaml(text, { version: '1.2' }))
  })

  it('refuses a document that expands aliases without end, naming the file', () => {
    // Ten levels, each a list of ten aliases of the one before: 10^10 values once expanded.
    const levels = 'abcdefghij'
    const bomb = [...levels]
      .map(
        (name, level) =>
          `${name}: &${name} [${Array(10)
            .fill(level === 0 ? 'x' : `*${levels[level - 1]}`)
            .join(', ')}]`,
      )
      .join('\n')
    expect(() => parseDocument(bomb, 'bomb.yaml')).toThrow(UserError)
    expect(() => parseDocument(bomb, 'bomb.yaml')).toThrow(/^bomb\.yaml does not parse as YAML: .*alias/i)
  })

  it('names the line and column of a syntax error', () => {
    expect(() => parseDocument('openapi: 3.1.0\ninfo:\n  title: x\n bad: indent\n', 'broken.yaml')).toThrow(
      /^broken\.yaml does not parse as YAML: .*line \d+, column \d+/,
    )
  })
})

describe('YAML as the scripts write a vendor document', () => {
  // What a YAML 1.1 reader would take for a date, a boolean or a number, kept as strings.
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Strings that look like other things', version: '2022-01-01' },
    paths: {},
    components: {
      schemas: Object.fromEntries(
        SCALARS.filter((scalar) => scalar !== '0o12').map((scalar, index) => [
          `S${index}`,
          { type: 'string', example: scalar, default: scalar },
        ]),
      ),
    },
  }
  const written = vendorFileBytes(
    { bytes: Buffer.from(JSON.stringify(spec)), from: 'strings.json' },
    { spec, dropped: 0, webhooks: 0 },
  ).toString('utf8')

  it.each(['1.1', '1.2'])('reads back the same under YAML %s with the writer’s own reader too', (version) => {
    expect(parseYaml(written, { version })).toStrictEqual(spec)
  })

  it('refuses, writing nothing, a string that the YAML 1.1 writer leaves plain and YAML 1.2 reads as a number', () => {
    // 0o12 is a string in YAML 1.1 and the integer 10 in YAML 1.2's core schema.
    const octal = { ...spec, components: { schemas: { S: { type: 'string', example: '0o12' } } } }
    expect(() =>
      vendorFileBytes({ bytes: Buffer.from('{}'), from: 'octal.json' }, { spec: octal, dropped: 0, webhooks: 0 }),
    ).toThrow('the YAML written for octal.json does not read back the same under YAML 1.2')
  })

  it('keeps a YAML document of which nothing was left out byte for byte', () => {
    const bytes = Buffer.from('openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths: {}\n')
    expect(vendorFileBytes({ bytes, from: 'x.yaml' }, { spec: {}, dropped: 0, webhooks: 0 })).toBe(bytes)
  })
})
