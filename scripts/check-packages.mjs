#!/usr/bin/env node
// pnpm check:packages — packs every publishable package and checks the tarballs the way a
// registry user would get them. The test suite runs the same checks (test/packaging/).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bundleForBrowser } from './lib/browser-bundle.mjs'
import { packAll } from './lib/pack.mjs'
import { attwProblems, contentProblems, manifestProblems, openTarball, publintProblems } from './lib/package-checks.mjs'
import { publishablePackages } from './lib/packages.mjs'

const USAGE = `usage: pnpm check:packages [--keep DIR]

Runs \`pnpm pack\` in every package of packages/* that is not private (run \`pnpm build\`
first), then checks each tarball:
  manifest   type, sideEffects, license, engines, repository, files, exports with types,
             no devDependencies or scripts, no workspace-only specifiers, allowed dependencies
  contents   README.md and LICENSE, no sources or tests, no private workspace package named
  publint    strict: every message counts, suggestions too
  attw       default profile (node10, node16 CJS and ESM, bundler); JSON data subpaths excluded
  browser    packages that must run everywhere: each entry bundles for the browser platform,
             so no Node built-in is reached
Exits 1 when any package has a problem.

  --keep DIR   write the tarballs to DIR and keep them (default: a temporary folder)
`

const { values } = parseArgs({
  options: { keep: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
})
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

const destination = values.keep ?? mkdtempSync(join(tmpdir(), 'textbridge-packs-'))
let failed = 0
try {
  const tarballs = await packAll(destination)
  for (const pkg of publishablePackages()) {
    const tarball = /** @type {string} */ (tarballs.get(pkg.name))
    const { files, manifest } = openTarball(tarball)
    const problems = [
      ...manifestProblems(pkg, manifest),
      ...contentProblems(files),
      ...(await publintProblems(tarball)),
      ...attwProblems(tarball, manifest),
    ]
    if (pkg.runsEverywhere) {
      for (const bundle of await bundleForBrowser(pkg.dir, pkg.manifest)) {
        problems.push(...bundle.problems.map((problem) => `browser bundle of ${bundle.entry}: ${problem}`))
      }
    }
    failed += problems.length > 0 ? 1 : 0
    process.stdout.write(`${problems.length === 0 ? '✔' : '✘'} ${pkg.name} (${files.size} files)\n`)
    for (const problem of problems) process.stdout.write(`    ${problem}\n`)
  }
} finally {
  if (!values.keep) rmSync(destination, { recursive: true, force: true })
}
process.exitCode = failed === 0 ? 0 : 1
