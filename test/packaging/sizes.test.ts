import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { BUDGETS } from '../../.size-limit.mjs'
import { publishablePackages, ROOT } from '../../scripts/lib/packages.mjs'

const run = promisify(execFile)
const SIZE_LIMIT = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('size-limit/package.json')), 'bin.js')

interface SizeCheck {
  name: string
  passed: boolean
  size: number
  sizeLimit: number
}

describe('size budgets (size-limit, minified and gzipped)', () => {
  it('every entry of every publishable package fits its budget', async () => {
    const { stdout } = await run(process.execPath, [SIZE_LIMIT, '--json'], { cwd: ROOT }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        if (!error.stdout?.trim().startsWith('[')) throw new Error(`size-limit did not run:\n${error.stderr}`)
        return { stdout: error.stdout }
      },
    )
    const checks = JSON.parse(stdout) as SizeCheck[]
    for (const pkg of publishablePackages()) {
      expect(
        checks.some((check) => check.name.startsWith(`${pkg.name} `)),
        `no size check for ${pkg.name}`,
      ).toBe(true)
    }
    const over = checks
      .filter((check) => !check.passed)
      .map((check) => `${check.name}: ${check.size} B > ${check.sizeLimit} B`)
    expect(over).toEqual([])
  })

  it("are the numbers in the README's size table", () => {
    const rows = readFileSync(join(ROOT, 'README.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
    for (const [name, subpaths] of Object.entries(BUDGETS)) {
      for (const [subpath, budget] of Object.entries(subpaths)) {
        const entry = subpath === '.' ? name : `${name}/${subpath.slice(2)}`
        const row = [`\`${entry}\``, budget.withDependencies ?? '–', budget.ownCode ?? '–']
        expect(rows, `README.md needs the size row | ${row.join(' | ')} |`).toContainEqual(row)
      }
    }
  })
})
