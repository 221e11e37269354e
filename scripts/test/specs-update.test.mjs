import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { releasesOf } from '../lib/changesets.mjs'
import { serveFixtures } from './helpers/fixture-server.mjs'
import { quoNext } from './helpers/quo-next.mjs'
import { copyRepo, ROOT, runScript } from './helpers/temp-repo.mjs'
import { typeErrors } from './helpers/type-check.mjs'

/** The patch version, with a security scheme that nothing uses (the spec lint fails on it). */
async function unlinted() {
  const next = JSON.parse(await quoNext('patch'))
  next.components.securitySchemes.legacyKey = { type: 'apiKey', in: 'query', name: 'key' }
  return JSON.stringify(next, null, 2)
}

let server
const repos = []
/** A copy of its own, for a test that changes it. */
function freshRepo() {
  const repo = copyRepo()
  repos.push(repo)
  return repo.dir
}
/**
 * The patch version fetched from the record's upstream URL: one update, in a copy of its own
 * kept for the file, that the tests of what a patch update writes all look at.
 */
const keptCopies = []
let patched
function patchUpdate() {
  patched ??= (async () => {
    const repo = copyRepo()
    keptCopies.push(repo)
    const record = JSON.parse(read(repo.dir, 'specs/quo/source.json'))
    writeFileSync(
      join(repo.dir, 'specs', 'quo', 'source.json'),
      `${JSON.stringify({ ...record, upstream: server.url('/quo/patch.json') }, null, 2)}\n`,
    )
    const typesBefore = read(repo.dir, 'packages/quo/src/generated/schema.ts')
    const run = await runScript(repo.dir, 'specs-update.mjs', ['quo', '--no-build'])
    return { dir: repo.dir, run, typesBefore }
  })()
  return patched
}

beforeAll(async () => {
  const json = 'application/json'
  server = await serveFixtures({
    '/quo/minor.json': { type: json, body: await quoNext('minor') },
    '/quo/major.json': { type: json, body: await quoNext('major') },
    '/quo/patch.json': { type: json, body: await quoNext('patch') },
    '/quo/unlinted.json': { type: json, body: await unlinted() },
  })
})
afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove()
})
afterAll(() => {
  for (const repo of keptCopies) repo.remove()
  return server?.close()
})

const read = (dir, path) => readFileSync(join(dir, path), 'utf8')
const sha256 = (text) => createHash('sha256').update(text).digest('hex')

function changesetsOf(dir) {
  return readdirSync(join(dir, '.changeset'))
    .filter((name) => name.startsWith('quo-spec-'))
    .map((name) => read(dir, join('.changeset', name)))
}

/** Type errors of `source` compiled beside Quo's generated types in `dir`. */
const quoTypeErrors = (dir, source) =>
  typeErrors(join(dir, 'packages', 'quo', 'test', 'types', 'next.check.ts'), source)

describe('pnpm specs:update quo with a new vendor document', () => {
  it('ships a new optional field and a new operation as a minor change', async () => {
    const dir = freshRepo()
    const checks = `import type { operations, paths } from '../../src/generated/schema.js'
type SendBody = paths['/v1/messages']['post']['requestBody']['content']['application/json']
export const scheduled: SendBody = { from: '+1', to: ['+1'], content: 'x', scheduledAt: '2026-01-01T00:00:00Z' }
export const unscheduled: SendBody = { from: '+1', to: ['+1'], content: 'x' }
export const id: operations['deleteMessage_v1']['parameters']['path']['id'] = 'AC1'
export type Deleted = paths['/v1/messages/{id}']['delete']['responses'][204]
`
    expect(quoTypeErrors(dir, checks)).not.toEqual([])

    const run = await runScript(dir, 'specs-update.mjs', [
      'quo',
      '--from',
      server.url('/quo/minor.json'),
      '--add',
      'deleteMessage_v1',
      '--no-build',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)

    const [changeset, ...others] = changesetsOf(dir)
    expect(others).toEqual([])
    expect(releasesOf(changeset)).toEqual([{ name: '@textbridge/quo', type: 'minor' }])
    expect(changeset).toContain('`DELETE /v1/messages/{id}` (deleteMessage_v1)')
    expect(changeset).toContain('Added property `scheduledAt` in Request Body')
    expect(quoTypeErrors(dir, checks)).toEqual([])
  })

  it('ships a removed response field and enum value as a major change', async () => {
    const dir = freshRepo()
    const checks = `import type { paths } from '../../src/generated/schema.js'
type Message = paths['/v1/messages/{id}']['get']['responses'][200]['content']['application/json']['data']
// @ts-expect-error createdAt is no longer in a message
export type CreatedAt = Message['createdAt']
// @ts-expect-error undelivered is no longer a status
export const undelivered: Message['status'] = 'undelivered'
export const delivered: Message['status'] = 'delivered'
`
    expect(quoTypeErrors(dir, checks)).not.toEqual([])

    const run = await runScript(dir, 'specs-update.mjs', ['quo', '--from', server.url('/quo/major.json'), '--no-build'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)

    const [changeset] = changesetsOf(dir)
    expect(releasesOf(changeset)).toEqual([{ name: '@textbridge/quo', type: 'major' }])
    expect(changeset).toMatch(/\*\*Breaking changes\*\*[\s\S]*Removed property `createdAt` from `data`/)
    expect(changeset).toContain('possible values of `data.status`')
    expect(quoTypeErrors(dir, checks)).toEqual([])
  })

  it('fetches from the upstream URL of the record, and ships description edits as a patch', async () => {
    const { dir, run, typesBefore } = await patchUpdate()
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)

    const [changeset] = changesetsOf(dir)
    expect(releasesOf(changeset)).toEqual([{ name: '@textbridge/quo', type: 'patch' }])
    expect(changeset).toContain('only its documentation changed')
    expect(changeset).toContain('Changed description')
    // Only the doc comments (and the header's hashes) of the types differ.
    const code = (types) => types.replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/^\s*\*.*$/gm, '')
    const typesAfter = read(dir, 'packages/quo/src/generated/schema.ts')
    expect(typesAfter).not.toBe(typesBefore)
    expect(typesAfter).toContain('Where the message is in its delivery.')
    expect(code(typesAfter)).toBe(code(typesBefore))
  })

  it('warns of what the spec lint will fail on, with the overlay actions it can draft', async () => {
    const dir = freshRepo()
    const run = await runScript(dir, 'specs-update.mjs', [
      'quo',
      '--from',
      server.url('/quo/unlinted.json'),
      '--no-build',
    ])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/`pnpm lint:specs` \(so CI\) will fail on 1 problem\(s\)/)
    expect(run.stderr).toContain('no-unused-components at #/components/securitySchemes/legacyKey')
    expect(run.stderr).toContain('- target: $.components.securitySchemes.legacyKey')
    // The overlay is the maintainers' to change: the drafted actions are only printed.
    expect(read(dir, 'specs/quo/overlay.yaml')).toBe(read(ROOT, 'specs/quo/overlay.yaml'))
  })

  it('stores only the shipped operations, refreshes the record, and leaves generation in step', async () => {
    const { dir, run } = await patchUpdate()
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('kept 43 of 44 operations (and none of its 1 webhooks)')

    const stored = read(dir, 'specs/quo/openapi.yaml')
    const record = JSON.parse(read(dir, 'specs/quo/source.json'))
    expect(record.sha256).toBe(sha256(stored))
    expect(record.retrieved).toBe(new Date().toISOString().slice(0, 10))
    expect(record.upstream).toBe(server.url('/quo/patch.json'))
    const spec = parseYaml(stored, { version: '1.1' })
    expect(Object.keys(spec.paths)).toHaveLength(35)
    expect(Object.keys(spec.paths)).not.toContain('/v1/reports')
    expect(spec.webhooks).toBeUndefined()
    expect(spec.components.schemas).not.toHaveProperty('ReportList')
    expect(spec.components.securitySchemes.apiKey).toBeDefined()
    // Strings that YAML 1.1 would read as dates stay strings.
    expect(stored).toContain("'2022-01-01T00:00:00Z'")

    const check = await runScript(dir, 'generate.mjs', ['--check'])
    expect(check.status).toBe(0)
  })

  it('refreshes the record of a spec of our own after an edit in place', async () => {
    const dir = freshRepo()
    const path = join(dir, 'specs', 'textus', 'openapi.yaml')
    writeFileSync(
      path,
      read(dir, 'specs/textus/openapi.yaml').replace(
        'description: Operations related to text messages',
        'description: Sending text messages',
      ),
    )
    const run = await runScript(dir, 'specs-update.mjs', [
      'textus',
      '--from',
      'specs/textus/openapi.yaml',
      '--no-build',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(JSON.parse(read(dir, 'specs/textus/source.json')).sha256).toBe(
      sha256(read(dir, 'specs/textus/openapi.yaml')),
    )
    const [changeset] = readdirSync(join(dir, '.changeset')).filter((name) => name.startsWith('textus-spec-'))
    const text = read(dir, join('.changeset', changeset))
    expect(releasesOf(text)).toEqual([{ name: '@textbridge/textus', type: 'patch' }])
    expect(text).toContain('Updated to our TextUs')
    expect((await runScript(dir, 'generate.mjs', ['--check'])).status).toBe(0)
  })
})
