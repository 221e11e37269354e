// turbo's cache stays warm through edits that cannot change a build: a test, a README. Each
// task's hash is read from `turbo run --dry=json` in a copy of the repository, before and after
// an edit there.
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyRepo, runCommand } from './helpers/temp-repo.mjs'

let repo
beforeAll(() => {
  repo = copyRepo()
})
afterAll(() => repo?.remove())

/** Each task of `turbo run build typecheck` with its hash, as `{ 'quo#build': '…' }`. */
async function taskHashes() {
  const run = await runCommand(repo.dir, join(repo.dir, 'node_modules', '.bin', 'turbo'), [
    'run',
    'build',
    'typecheck',
    '--dry=json',
  ])
  expect(run.status, run.stderr).toBe(0)
  return Object.fromEntries(JSON.parse(run.stdout).tasks.map((task) => [task.taskId, task.hash]))
}

/** The tasks whose hash differs between two readings. */
const changed = (before, after) => Object.keys(after).filter((task) => before[task] !== after[task])

describe('turbo task hashes', () => {
  it('the root depends on no workspace package (turbo would hash all of its files into every task)', () => {
    const manifest = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8'))
    const specifiers = Object.values({ ...manifest.dependencies, ...manifest.devDependencies })
    expect(specifiers.filter((specifier) => specifier.startsWith('workspace:'))).toEqual([])
  })

  it('an edited test or README changes only the type check of its own package', async () => {
    const before = await taskHashes()
    appendFileSync(join(repo.dir, 'packages', 'mock-server', 'test', 'unit', 'processes.test.ts'), '// edited\n')
    appendFileSync(join(repo.dir, 'packages', 'quo', 'README.md'), '\nEdited.\n')
    const after = await taskHashes()
    expect(changed(before, after)).toEqual(['@textbridge/mock-server#typecheck'])
  })

  it("an edited source rebuilds its package and what depends on it, not a provider's generation", async () => {
    const before = await taskHashes()
    appendFileSync(join(repo.dir, 'packages', 'mock-server', 'src', 'index.ts'), '// edited\n')
    const after = await taskHashes()
    const rebuilt = changed(before, after)
    expect(rebuilt).toEqual(expect.arrayContaining(['@textbridge/mock-server#build', '@textbridge/quo#build']))
    expect(rebuilt.filter((task) => task.endsWith('#generate'))).toEqual([])
  })
})
