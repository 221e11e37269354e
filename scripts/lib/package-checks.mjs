// Checks of one packed package: its manifest, its files, publint and attw. Each returns the
// problems as sentences (an empty list when the package is fine), so the CLI and the tests
// print the same thing.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { dataSubpaths, entryFiles, privatePackageNames, publishablePackages, ROOT } from './packages.mjs'
import { readTarball } from './tarball.mjs'

/** What a package that runs everywhere may depend on at run time, besides our own packages. */
export const RUNTIME_DEPENDENCIES = ['openapi-fetch']

/** Further runtime dependencies one package may have, each with its reason. */
export const RUNTIME_DEPENDENCY_EXCEPTIONS = {
  textbridge: {
    cockatiel:
      "the router's circuit breaker, a kept library: about 2 kB gzipped, no dependencies, runs everywhere (3.x: 4.x needs Node 22 and has no CommonJS build)",
    retry: 'the backoff math of the retry loop, a kept library: about 1 kB gzipped, no dependencies, runs everywhere',
  },
}

const require = createRequire(join(ROOT, 'package.json'))

/** The files of a tarball and its package.json, parsed. */
export function openTarball(tarball) {
  const files = readTarball(tarball)
  const manifest = JSON.parse(files.get('package.json')?.toString('utf8') ?? '{}')
  return { files, manifest }
}

/**
 * What the house rules ask of a published package.json, checked on the packed one.
 * @param {import('./packages.mjs').WorkspacePackage} pkg
 */
export function manifestProblems(pkg, manifest) {
  const problems = []
  const expect = (ok, message) => {
    if (!ok) problems.push(message)
  }
  expect(manifest.type === 'module', '"type" must be "module"')
  expect(manifest.sideEffects === false, '"sideEffects" must be false (bundlers may then drop what is unused)')
  expect(typeof manifest.license === 'string', '"license" is missing')
  expect(typeof manifest.engines?.node === 'string', '"engines.node" is missing')
  expect(
    typeof manifest.repository?.url === 'string' && manifest.repository?.directory === `packages/${pkg.folder}`,
    `"repository" needs "url" and "directory": "packages/${pkg.folder}"`,
  )
  expect(Array.isArray(manifest.files), '"files" must list what is published')
  expect(manifest.exports?.['./package.json'] === './package.json', '"exports" must expose "./package.json"')
  const entries = entryFiles(manifest)
  expect(entries.length > 0, '"exports" names no JavaScript entry')
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json' || dataSubpaths(manifest).includes(subpath)) continue
    for (const condition of ['import', 'require']) {
      expect(
        typeof target?.[condition]?.types === 'string',
        `"exports"["${subpath}"].${condition} needs a "types" condition`,
      )
    }
  }
  expect(manifest.devDependencies === undefined, 'devDependencies were published (.pnpmfile.cjs strips them)')
  expect(manifest.scripts === undefined, 'scripts were published (.pnpmfile.cjs strips them)')
  const dependencies = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }
  for (const [name, spec] of Object.entries(dependencies)) {
    expect(
      !/^(workspace|catalog|link|file):/.test(String(spec)),
      `dependency ${name}@${spec} is a workspace-only specifier`,
    )
  }
  if (pkg.runsEverywhere) {
    const ours = publishablePackages().map((other) => other.name)
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      expect(
        RUNTIME_DEPENDENCIES.includes(name) ||
          ours.includes(name) ||
          name in (RUNTIME_DEPENDENCY_EXCEPTIONS[pkg.name] ?? {}),
        `runtime dependency ${name} is not allowed: only ${[...RUNTIME_DEPENDENCIES, 'our own packages'].join(', ')}`,
      )
    }
  }
  return problems
}

/**
 * What must (not) be in the tarball: the readme and license, no sources or tests, and no
 * trace of a private workspace package (provider-kit is bundled into each provider's dist).
 * @param {Map<string, Buffer>} files
 */
export function contentProblems(files) {
  const problems = []
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!files.has(required)) problems.push(`${required} is missing from the tarball`)
  }
  const privateNames = privatePackageNames()
  for (const [path, bytes] of files) {
    if (/\.(?<!\.d\.)[cm]?tsx?$/.test(path) || /(^|\/)(test|tests|__tests__)\//.test(path)) {
      problems.push(`${path}: sources and tests are not published`)
    }
    const text = bytes.toString('utf8')
    for (const name of privateNames) {
      if (text.includes(name)) problems.push(`${path} mentions the private package ${name}`)
    }
  }
  return problems
}

/** publint on the tarball, strict: warnings and suggestions count too. */
export async function publintProblems(tarball) {
  const buffer = readFileSync(tarball)
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
  const { messages, pkg } = await publint({ pack: { tarball: bytes }, level: 'suggestion', strict: true })
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`)
}

/**
 * attw (Are the Types Wrong?) on the tarball, default ("strict") profile: node10, node16
 * from CJS and from ESM, and bundler resolution of every entry must give the right types.
 * Excluded: JSON data subpaths such as `./openapi.json`. node10 resolution predates
 * `exports` and so cannot reach a subpath at all, and a JSON file has no types to be wrong;
 * the consumer tests resolve it from an installed tarball instead. The tarball is pnpm's, not
 * `attw --pack`'s: npm pack would keep the catalog: and workspace: specifiers and skip the
 * packing hook, so it would not be what gets published.
 */
export function attwProblems(tarball, manifest) {
  const cli = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js')
  const excluded = dataSubpaths(manifest)
  const args = [cli, tarball, '--format', 'json', ...(excluded.length ? ['--exclude-entrypoints', ...excluded] : [])]
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  let report
  try {
    report = JSON.parse(result.stdout)
  } catch {
    return [`attw did not run: ${result.stderr || result.stdout}`.trim()]
  }
  const problems = Object.values(report.problems ?? {}).flat()
  return problems.map((problem) =>
    `attw ${problem.kind}: ${problem.entrypoint ?? ''} ${problem.resolutionKind ?? ''} ${problem.fileName ?? ''}`.trim(),
  )
}
