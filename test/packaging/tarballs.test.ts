import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { bundleForBrowser } from '../../scripts/lib/browser-bundle.mjs'
import {
  attwProblems,
  contentProblems,
  manifestProblems,
  openTarball,
  publintProblems,
} from '../../scripts/lib/package-checks.mjs'
import { publishablePackages, ROOT } from '../../scripts/lib/packages.mjs'

const tarballs = inject('tarballs')
const LICENSE = readFileSync(join(ROOT, 'LICENSE'))

describe.each(publishablePackages().map((pkg) => [pkg.name, pkg] as const))('%s, packed', (name, pkg) => {
  const tarball = tarballs[name] as string
  const { files, manifest } = openTarball(tarball)

  it('has a published package.json that follows the house rules', () => {
    expect(manifestProblems(pkg, manifest)).toEqual([])
  })

  it('ships its build, readme and license, and no source, test or private package', () => {
    expect(contentProblems(files)).toEqual([])
    expect(files.get('LICENSE')?.equals(LICENSE), 'LICENSE differs from the repository root LICENSE').toBe(true)
  })

  it('passes publint with no message at all, suggestions included', async () => {
    expect(await publintProblems(tarball)).toEqual([])
  })

  it('passes attw: the right types under node10, node16 (CJS and ESM) and bundler resolution', () => {
    expect(attwProblems(tarball, manifest)).toEqual([])
  })

  // Node tools (NODE_ONLY in scripts/lib/packages.mjs) may use built-ins: no such test for them.
  if (pkg.runsEverywhere) {
    it('bundles every entry for the browser: no Node built-in anywhere', async () => {
      const bundles = await bundleForBrowser(pkg.dir, pkg.manifest)
      expect(bundles.map((bundle) => bundle.entry)).toEqual(
        expect.arrayContaining(['dist/index.mjs', 'dist/index.cjs']),
      )
      for (const bundle of bundles) expect(bundle.problems, bundle.entry).toEqual([])
    })
  }
})

describe('the manifest rules themselves', () => {
  const [quo] = publishablePackages().filter((pkg) => pkg.runsEverywhere)
  if (!quo) throw new Error('no package that runs everywhere to test the rules with')
  const good = openTarball(tarballs[quo.name] as string).manifest

  it('refuse devDependencies, workspace specifiers and a dependency that is not allowed', () => {
    const bad = {
      ...good,
      devDependencies: { '@textbridge/provider-kit': 'workspace:*' },
      dependencies: { 'openapi-fetch': 'catalog:', undici: '^7.0.0' },
    }
    expect(manifestProblems(quo, bad)).toEqual([
      expect.stringContaining('devDependencies were published'),
      expect.stringContaining('openapi-fetch@catalog: is a workspace-only specifier'),
      expect.stringContaining('runtime dependency undici is not allowed'),
    ])
  })

  it('refuse an export without types and a package with side effects', () => {
    const bad = { ...good, sideEffects: true, exports: { ...good.exports, '.': { import: './dist/index.mjs' } } }
    expect(manifestProblems(quo, bad)).toEqual([
      expect.stringContaining('"sideEffects" must be false'),
      '"exports"["."].import needs a "types" condition',
      '"exports"["."].require needs a "types" condition',
    ])
  })

  it('refuse a tarball that names a private workspace package', () => {
    const files = new Map([
      ['package.json', Buffer.from('{}')],
      ['README.md', Buffer.from('')],
      ['LICENSE', Buffer.from('')],
      ['dist/index.mjs', Buffer.from('import "@textbridge/provider-kit"')],
      ['src/index.ts', Buffer.from('')],
    ])
    expect(contentProblems(files)).toEqual([
      'dist/index.mjs mentions the private package @textbridge/provider-kit',
      'src/index.ts: sources and tests are not published',
    ])
  })
})
