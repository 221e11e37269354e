import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { applyOverlay } from '../lib/specs.mjs'
import { serveFixtures } from './helpers/fixture-server.mjs'
import { quoNextOverlay, quoStored } from './helpers/quo-next.mjs'
import { copyRepo, hashTree, runScript } from './helpers/temp-repo.mjs'

let server
let repo
const read = (path) => readFileSync(join(repo.dir, path), 'utf8')

beforeAll(async () => {
  const next = await applyOverlay(quoStored(), quoNextOverlay('duplicate'), 'duplicate.yaml')
  server = await serveFixtures({ '/quo/duplicate.json': { type: 'application/json', body: JSON.stringify(next) } })
  repo = copyRepo()
})
afterAll(async () => {
  await server?.close()
  repo?.remove()
})

describe('pnpm specs:update on a document the generator cannot take as it is', () => {
  it('stops before writing, naming the operation by its JSON pointer and printing the drafted rename', async () => {
    const before = hashTree(repo.dir)
    const url = server.url('/quo/duplicate.json')
    const run = await runScript(repo.dir, 'specs-update.mjs', ['quo', '--from', url, '--all', '--no-build'])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'duplicate-operation-key at #/paths/~1v1~1messages~1{id}~1resend/post/operationId: operationId "sendMessage_v1" is also the id of POST /v1/messages',
    )
    expect(run.stderr).toContain("- target: $.paths['/v1/messages/{id}/resend'].post")
    expect(run.stderr).toContain('run again with --apply-drafts')
    expect(run.stderr).toContain('(nothing was changed)')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(hashTree(repo.dir)).toEqual(before)
  })

  it('with --apply-drafts, writes the rename into the overlay, with its description, and regenerates', async () => {
    const overlayBefore = read('specs/quo/overlay.yaml')
    const url = server.url('/quo/duplicate.json')
    const run = await runScript(repo.dir, 'specs-update.mjs', [
      'quo',
      '--from',
      url,
      '--all',
      '--apply-drafts',
      '--no-build',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('specs/quo/overlay.yaml  1 drafted action(s) added (--apply-drafts)')
    const overlay = read('specs/quo/overlay.yaml')
    expect(overlay.startsWith(overlayBefore)).toBe(true)
    expect(parseYaml(overlay).actions.at(-1)).toEqual({
      target: "$.paths['/v1/messages/{id}/resend'].post",
      description: expect.stringContaining('so this later one is renamed "sendMessage_v1_resend"'),
      update: { operationId: 'sendMessage_v1_resend' },
    })
    const final = JSON.parse(read('packages/quo/src/generated/openapi.json'))
    expect(final.paths['/v1/messages/{id}/resend'].post.operationId).toBe('sendMessage_v1_resend')
    expect(final.paths['/v1/messages'].post.operationId).toBe('sendMessage_v1')
    expect(read('packages/quo/src/generated/schema.ts')).toContain('sendMessage_v1_resend: {')
  })
})
