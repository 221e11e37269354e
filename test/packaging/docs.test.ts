import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { publishablePackages, ROOT } from '../../scripts/lib/packages.mjs'
import { readmeExample } from './support/consumers.js'

const run = promisify(execFile)
const packages = publishablePackages()
const FACADE_LINK = 'https://github.com/textbridge/textbridge#the-facade-textbridge'

describe('API reference (TypeDoc, pnpm run docs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'textbridge-docs-'))
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('converts with no warning and documents every publishable package', async () => {
    const manifest = createRequire(join(ROOT, 'package.json')).resolve('typedoc/package.json')
    const typedoc = join(dirname(manifest), 'bin', 'typedoc')
    // The JSON model is what the HTML is rendered from, and much faster to write.
    const json = join(out, 'api.json')
    await run(process.execPath, [typedoc, '--json', json], { cwd: ROOT, timeout: 120_000 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`typedoc failed (warnings are errors):\n${error.stdout}\n${error.stderr}`)
      },
    )
    const model = JSON.parse(readFileSync(json, 'utf8')) as { children?: { name: string; children?: unknown[] }[] }
    const documented = Object.fromEntries(
      (model.children ?? []).map((child) => [child.name, child.children?.length ?? 0]),
    )
    for (const pkg of packages) expect(documented[pkg.name], `${pkg.name} has no documented export`).toBeGreaterThan(0)
  })
})

describe.each(packages.map((pkg) => [pkg.name, pkg] as const))('the README of %s', (name, pkg) => {
  const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8')

  it('starts with the install line', () => {
    expect(readme).toMatch(new RegExp(`\`\`\`sh\\nnpm install (--save-dev )?${name.replace('/', '\\/')}\\b`))
  })

  it('has a short example (the consumer tests compile and run it)', () => {
    const lines = readmeExample(readme)?.trim().split('\n') ?? []
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.length, 'about ten lines').toBeLessThanOrEqual(14)
  })

  it('links to the facade', () => {
    if (name === 'textbridge') return
    expect(readme).toContain(FACADE_LINK)
  })
})
