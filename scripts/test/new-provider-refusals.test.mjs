// new-provider where it must write nothing: a spec whose auth it cannot scaffold, a name that is
// taken or malformed, a date that is not one, an install that fails. A copy of the repository
// with its node_modules linked (nothing here installs: a stand-in pnpm fails the install), which
// each test checks is byte-identical after it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyRepo, hashTree, runScript } from './helpers/temp-repo.mjs'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'providers')
const fixture = (file) => join(FIXTURES, file)

let repo
beforeAll(() => {
  repo = copyRepo()
  // Where the tests write their inputs (a folder hashTree leaves out).
  mkdirSync(join(repo.dir, 'reports'))
})
afterAll(() => repo?.remove())

describe('pnpm new-provider, refusing', () => {
  it('refuses a spec whose auth it cannot scaffold, and writes nothing', async () => {
    const spec = JSON.parse(readFileSync(fixture('bearer-sms.json'), 'utf8'))
    spec.components.securitySchemes.token = {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: 'https://auth.bearer-sms.test/token', scopes: {} } },
    }
    const file = join(repo.dir, 'reports', 'oauth.json')
    writeFileSync(file, JSON.stringify(spec))
    const before = hashTree(repo.dir)
    const run = await runScript(repo.dir, 'new-provider.mjs', ['oauth-sms', '--spec', file])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/security scheme "token" \(oauth2\) is not one new-provider can scaffold/)
    expect(hashTree(repo.dir)).toEqual(before)
  })

  it('refuses a name that is taken or malformed', async () => {
    const taken = await runScript(repo.dir, 'new-provider.mjs', ['quo', '--spec', fixture('key-sms.yaml')])
    expect(taken.stderr).toMatch(/specs\/quo\/ already exists/)
    const malformed = await runScript(repo.dir, 'new-provider.mjs', ['Key_SMS', '--spec', fixture('key-sms.yaml')])
    expect(malformed.stderr).toMatch(/"Key_SMS" is not a provider name/)
  })

  it('refuses a TEXTBRIDGE_TODAY that is not a date, and writes nothing', async () => {
    const before = hashTree(repo.dir)
    const run = await runScript(repo.dir, 'new-provider.mjs', ['dated-sms', '--spec', fixture('key-sms.yaml')], {
      env: { TEXTBRIDGE_TODAY: '15/01/2026' },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/TEXTBRIDGE_TODAY="15\/01\/2026" is not a date \(YYYY-MM-DD\)/)
    expect(hashTree(repo.dir)).toEqual(before)
  })

  // The install is two steps (the lockfile, then the install from it); either failing takes back
  // every file the scaffold wrote, the lockfile with them.
  it.each([
    ['--resolution-only', 1],
    ['--frozen-lockfile', 2],
  ])('takes every file back out when the install with %s fails', async (failing, calls) => {
    const bin = join(repo.dir, 'reports', `pnpm-failing${failing}`)
    mkdirSync(bin)
    const log = join(bin, 'calls.log')
    writeFileSync(
      join(bin, 'pnpm'),
      `#!/bin/sh\necho "$*" >> "${log}"\ncase " $* " in *" ${failing} "*) echo "stand-in: install failed" >&2; exit 1;; esac\n`,
    )
    chmodSync(join(bin, 'pnpm'), 0o755)
    const before = hashTree(repo.dir)
    const run = await runScript(repo.dir, 'new-provider.mjs', ['failed-sms', '--spec', fixture('key-sms.yaml')], {
      env: { PATH: `${bin}${delimiter}${process.env.PATH}` },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('stand-in: install failed')
    expect(run.stderr).toMatch(/pnpm install failed \(output above\), so every file was taken back out/)
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(calls)
    expect(hashTree(repo.dir)).toEqual(before)
  })
})
