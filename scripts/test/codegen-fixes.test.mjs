import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { findCodegenProblems, generatorFailure, SpecProblems } from '../lib/codegen-fixes.mjs'
import { appendActions } from '../lib/overlay-drafts.mjs'
import { applyOverlay } from '../lib/specs.mjs'
import { typeErrors } from './helpers/type-check.mjs'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'codegen')
const fixture = (file) => parseYaml(readFileSync(join(FIXTURES, file), 'utf8'))
const overlayOf = (actions) => ({ overlay: '1.0.0', info: { title: 'fixes', version: '1.0.0' }, actions })
const typesOf = async (spec) => astToString(await openapiTS(spec, { defaultNonNullable: false, silent: true }))

const scratch = mkdtempSync(join(tmpdir(), 'textbridge-codegen-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('what stops the code generation', () => {
  it('names a duplicate operationId by its JSON pointer and drafts a rename of the later operation', () => {
    const problems = findCodegenProblems(fixture('duplicate-operation-id.yaml'))
    expect(problems.map(({ rule, pointer }) => ({ rule, pointer }))).toEqual([
      { rule: 'duplicate-operation-key', pointer: '#/paths/~1pubsub~1tokens/post/operationId' },
      { rule: 'duplicate-operation-key', pointer: '#/paths/~1chat~1tokens~1{id}/get/operationId' },
    ])
    const [pubsub, chat] = problems
    expect(pubsub.message).toContain('"create_token" is also the id of POST /project/tokens')
    expect(pubsub.action).toEqual({
      target: "$.paths['/pubsub/tokens'].post",
      description: expect.stringContaining('so this later one is renamed "create_token_pubsub"'),
      update: { operationId: 'create_token_pubsub' },
    })
    expect(chat.message).toContain('becomes the key "tokens/create" of the generated `operations` type')
    expect(chat.action.update.operationId).not.toBe('tokens/create')
  })

  it('drafts renames that let openapi-typescript generate types with one key per operation', async () => {
    const spec = fixture('duplicate-operation-id.yaml')
    await expect(typesOf(structuredClone(spec))).rejects.toThrow(/operationId/)
    const actions = findCodegenProblems(spec).map((problem) => problem.action)
    const fixed = await applyOverlay(spec, overlayOf(actions), 'overlay.yaml')
    expect(findCodegenProblems(fixed)).toEqual([])
    const types = await typesOf(fixed)
    const operations = types.slice(types.indexOf('export interface operations {'))
    const keys = [...operations.matchAll(/^ {4}"?([^"\s]+?)"?: \{$/gm)].map((match) => match[1])
    expect(keys).toEqual(['create_token', 'create_token_pubsub', 'tokens/create', 'tokens/create_2'])
  })

  it('names a discriminator whose mapping misses a schema that sets the property, and maps its value', () => {
    const problems = findCodegenProblems(fixture('discriminator-clash.yaml'))
    expect(problems.map(({ pointer }) => pointer)).toEqual([
      '#/components/schemas/DetectMachine/properties/type',
      '#/components/schemas/DetectTone/properties/type',
      '#/components/schemas/DetectDigit/properties/type',
    ])
    const [machine, tone, digit] = problems
    expect(machine.message).toContain('openapi-typescript adds `type: "DetectMachine"`')
    expect(machine.action).toEqual({
      target: '$.components.schemas.Detect.discriminator.mapping',
      description: expect.stringContaining('Map "machine" to DetectMachine'),
      update: { machine: '#/components/schemas/DetectMachine' },
    })
    expect(tone.action.update).toEqual({ tone: '#/components/schemas/DetectTone' })
    // Two values: no draft, and the message says what to do.
    expect(digit.action).toBeUndefined()
    expect(digit.message).toContain('map its value in #/components/schemas/Detect/discriminator/mapping')
  })

  it('turns types that do not compile into types that do, once the mapping is complete', async () => {
    const spec = fixture('discriminator-clash.yaml')
    const before = typeErrors(join(scratch, 'before.ts'), await typesOf(structuredClone(spec)))
    expect(before.filter((error) => error.startsWith("Duplicate identifier 'type'"))).toHaveLength(6)
    const drafted = findCodegenProblems(spec)
      .map((problem) => problem.action)
      .filter(Boolean)
    const byHand = {
      target: '$.components.schemas.Detect.discriminator.mapping',
      description: 'DetectDigit answers to "digit".',
      update: { digit: '#/components/schemas/DetectDigit' },
    }
    const fixed = await applyOverlay(spec, overlayOf([...drafted, byHand]), 'overlay.yaml')
    expect(findCodegenProblems(fixed)).toEqual([])
    const types = await typesOf(fixed)
    expect(typeErrors(join(scratch, 'after.ts'), types)).toEqual([])
    expect(types).toMatch(/DetectMachine: \{\s*\/\*\* @enum \{string\} \*\/\s*type: "machine";/)
  })

  it('says every problem in one message, by pointer, with how many have drafts', () => {
    const problems = findCodegenProblems(fixture('discriminator-clash.yaml'))
    const error = new SpecProblems('the final spec of detect', problems)
    expect(error.message).toContain('3 problem(s) stop the code generation')
    expect(error.message).toContain('discriminator-const-clash at #/components/schemas/DetectTone/properties/type')
    expect(error.message).toContain('2 of them have a drafted overlay action')
  })

  it("keeps openapi-typescript's own failure as a message with its pointer", async () => {
    const spec = fixture('duplicate-operation-id.yaml')
    const error = await typesOf(spec).catch((thrown) => generatorFailure('the final spec of tokens', thrown))
    expect(error.name).toBe('UserError')
    expect(error.message).toMatch(/^the final spec of tokens: openapi-typescript could not generate types/)
    expect(error.message).toContain('at #/paths/~1pubsub~1tokens/post')
  })
})

describe('--apply-drafts', () => {
  const action = {
    target: "$.paths['/pubsub/tokens'].post",
    description: 'Renamed: create_token is taken.',
    update: { operationId: 'create_token_pubsub' },
  }

  it('writes drafted actions into an empty overlay, each with its description', () => {
    const text = 'overlay: 1.0.0\ninfo:\n  title: fixes\n  version: 1.0.0\n# One action per fix.\nactions: []\n'
    const after = appendActions(text, [action], 'overlay.yaml')
    expect(after).toContain('# One action per fix.\nactions:\n  - target:')
    expect(parseYaml(after).actions).toEqual([action])
  })

  it('appends them to the actions already there, keeping those as written', () => {
    const text =
      'overlay: 1.0.0\ninfo:\n  title: fixes\n  version: 1.0.0\nactions:\n' +
      '  - target: $.info\n    description: >-\n      Folded text\n      kept as it is.\n    update:\n      x-a: 1\n'
    const after = appendActions(text, [action], 'overlay.yaml')
    expect(after.startsWith(text)).toBe(true)
    expect(parseYaml(after).actions).toEqual([
      { target: '$.info', description: 'Folded text kept as it is.', update: { 'x-a': 1 } },
      action,
    ])
  })

  it('refuses an overlay whose actions list is not at its end, rather than write a broken one', () => {
    const text =
      'overlay: 1.0.0\nactions:\n  - target: $.info\n    description: d\n    remove: true\ninfo:\n  title: t\n'
    expect(() => appendActions(text, [action], 'overlay.yaml')).toThrow(/cannot be appended/)
  })
})
