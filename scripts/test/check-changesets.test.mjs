import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyRepo, runCommand, runScript } from './helpers/temp-repo.mjs'

// A copy of the repository as a git repository of its own: `main` holds it as it is, and
// each test works on a branch made from it.
let repo
const git = async (...args) => {
  const run = await runCommand(repo.dir, 'git', [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.invalid',
    ...args,
  ])
  expect(run.status, run.stderr).toBe(0)
  return run.stdout
}
const check = () => runScript(repo.dir, 'check-changesets.mjs')
const changeset = (name, packageName) =>
  writeFileSync(join(repo.dir, '.changeset', `${name}.md`), `---\n"${packageName}": patch\n---\n\nA change.\n`)

beforeAll(async () => {
  repo = copyRepo()
  await git('init', '--quiet', '--initial-branch=main')
  await git('add', '--all')
  await git('commit', '--quiet', '--message=base')
})
afterAll(() => repo?.remove())

describe('check-changesets', () => {
  it('passes on the base branch itself', async () => {
    const run = await check()
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('no change under specs/ since main')
  })

  it('fails for a change under specs/ without a changeset for its package, naming both', async () => {
    await git('checkout', '--quiet', '-b', 'overlay-fix')
    appendFileSync(join(repo.dir, 'specs', 'quo', 'overlay.yaml'), '# a comment\n')
    await git('commit', '--quiet', '--all', '--message=fix')
    changeset('other-package', '@textbridge/textus')
    const run = await check()
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('specs/quo/ changed since main but no changeset names @textbridge/quo')
  })

  it('passes once a changeset, committed or not, names the package', async () => {
    changeset('quo-overlay', '@textbridge/quo')
    const run = await check()
    expect(run.stdout).toContain('specs/quo/ changed; a changeset names @textbridge/quo')
    expect(run.status).toBe(0)
  })
})
