import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../lib/specs.mjs'

const run = promisify(execFile)
const lintSpecs = (args) =>
  run(process.execPath, ['scripts/lint-specs.mjs', ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ status: 0, output: `${stdout}${stderr}` }),
    (error) => ({ status: error.code, output: `${error.stdout}${error.stderr}` }),
  )

describe('pnpm lint:specs', () => {
  it('lints the final spec of each provider named, and only those', async () => {
    const { status, output } = await lintSpecs(['textus', 'signalwire'])
    expect(status, output).toBe(0)
    expect(output).toContain('packages/textus/src/generated/openapi.json')
    expect(output).toContain('packages/signalwire/src/generated/openapi.json')
    expect(output).not.toContain('packages/quo/')
  })

  it('refuses a provider it does not know, naming those it does', async () => {
    const { status, output } = await lintSpecs(['textus', 'nope'])
    expect(status).toBe(1)
    expect(output).toMatch(/^lint:specs: unknown provider "nope": no specs\/nope\/source\.json \(known: quo, /)
  })
})
