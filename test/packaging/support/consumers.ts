import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { publishablePackages, ROOT } from '../../../scripts/lib/packages.mjs'

const run = promisify(execFile)
export const CONSUMERS_DIR = join(ROOT, 'test', 'packaging', 'consumers')

export interface Fixture {
  /** Folder under consumers/ and under packages/. */
  folder: string
  /** Our packages to install from their tarballs, the one under test first. */
  install: string[]
  /** The provider whose mock the test serves, or null. */
  mock: string | null
  /** What main() must return (a subset). */
  reply: Record<string, unknown>
}

export function loadFixtures(): Fixture[] {
  return readdirSync(CONSUMERS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      folder: entry.name,
      ...JSON.parse(readFileSync(join(CONSUMERS_DIR, entry.name, 'fixture.json'), 'utf8')),
    }))
}

/** The first TypeScript block of a README: the example a user copies. */
export function readmeExample(readme: string): string | undefined {
  return /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
}

/** The environment variables an example reads (`process.env.NAME`). */
export function envNames(code: string): string[] {
  return [...new Set([...code.matchAll(/process\.env\.(\w+)/g)].map((match) => match[1] as string))]
}

const STRICT = {
  target: 'es2022',
  lib: ['es2022', 'dom', 'dom.iterable'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  // Type errors in our .d.ts files (or what they pull in) must surface, as for a strict user.
  skipLibCheck: false,
  // TypeScript's own lib files need no checking; everything a package brings in still is.
  skipDefaultLibCheck: true,
  noEmitOnError: true,
  declaration: false,
}

/**
 * Writes one consumer project per fixture into `root` (outside the workspace): package.json
 * with our packages as `file:` tarballs, the consumer as .mts, .cts and bundler .ts, and the
 * package's README example as .mts. At `root` itself: @types/node for the Node programs and
 * one tsconfig per module mode over all the projects.
 */
export function writeConsumers(root: string, fixtures: Fixture[], tarballs: Record<string, string>): void {
  const tarballSpec = (name: string) => {
    const tarball = tarballs[name]
    if (!tarball) throw new Error(`no tarball for ${name}: is it a publishable package?`)
    return `file:${tarball}`
  }
  // Every publishable package resolves to its tarball, also as a dependency of another one
  // (the facade's providers), since none of them is on the registry in this version.
  const overrides = Object.fromEntries(publishablePackages().map((pkg) => [pkg.name, tarballSpec(pkg.name)]))
  for (const fixture of fixtures) {
    const dir = join(root, fixture.folder)
    mkdirSync(join(dir, 'src', 'bundler'), { recursive: true })
    writeJson(join(dir, 'package.json'), {
      name: `consumer-of-${fixture.folder}`,
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(fixture.install.map((name) => [name, tarballSpec(name)])),
      pnpm: { overrides },
    })
    const source = join(CONSUMERS_DIR, fixture.folder, 'consumer.ts')
    copyFileSync(source, join(dir, 'src', 'consumer.mts'))
    copyFileSync(source, join(dir, 'src', 'consumer.cts'))
    copyFileSync(source, join(dir, 'src', 'bundler', 'consumer.ts'))
    const example = readmeExample(readFileSync(join(ROOT, 'packages', fixture.folder, 'README.md'), 'utf8'))
    if (example) writeFileSync(join(dir, 'src', 'readme.mts'), example)
  }
  writeJson(join(root, 'package.json'), {
    name: 'consumer-types',
    private: true,
    devDependencies: { '@types/node': catalogVersion('@types/node') },
  })
  writeJson(join(root, 'tsconfig.node16.json'), {
    compilerOptions: { ...STRICT, module: 'node16', moduleResolution: 'node16', types: ['node'] },
    include: ['*/src/consumer.mts', '*/src/consumer.cts', '*/src/readme.mts'],
  })
  // No Node types: a browser or edge app has the DOM's and nothing else. A consumer of a
  // Node tool says so itself with `/// <reference types="node" />`, and a reference in one
  // file of a program gives Node's globals to every file of it: so the consumers of the
  // packages that run everywhere are a program of their own, with a probe that fails to
  // compile the moment Node's types reach it.
  const runsEverywhere = new Set(
    publishablePackages()
      .filter((pkg) => pkg.runsEverywhere)
      .map((pkg) => pkg.folder),
  )
  const bundler = { ...STRICT, module: 'esnext', moduleResolution: 'bundler', types: [] }
  const consumers = (web: boolean) =>
    fixtures
      .filter((fixture) => runsEverywhere.has(fixture.folder) === web)
      .map((fixture) => `${fixture.folder}/src/bundler/consumer.ts`)
  writeFileSync(join(root, WEB_PROBE), NO_NODE_TYPES_PROBE)
  writeJson(join(root, 'tsconfig.bundler.json'), {
    compilerOptions: bundler,
    files: [...consumers(true), WEB_PROBE],
  })
  const nodeOnly = consumers(false)
  if (nodeOnly.length > 0)
    writeJson(join(root, 'tsconfig.bundler-node.json'), { compilerOptions: bundler, files: nodeOnly })
}

/** Compiled with the consumers of the packages that run everywhere: no Node global is there. */
const WEB_PROBE = 'no-node-types.ts'
const NO_NODE_TYPES_PROBE = `// Node's types are not in this program: a browser or edge app has none.
// @ts-expect-error Buffer is Node's
export const buffer: Buffer | undefined = undefined
// @ts-expect-error process is Node's
export const env = process.env
`

/** `pnpm install` in every consumer project (and the root) at once, from the workspace's store. */
export async function installConsumers(root: string, fixtures: Fixture[]): Promise<void> {
  const { stdout } = await run('pnpm', ['store', 'path'], { cwd: ROOT })
  const args = ['install', '--prefer-offline', '--ignore-scripts', '--store-dir', stdout.trim()]
  await Promise.all(
    [root, ...fixtures.map((fixture) => join(root, fixture.folder))].map((dir) =>
      run('pnpm', [...args, '--reporter', 'append-only'], { cwd: dir, timeout: 120_000 }).catch(
        (error: { stdout?: string; stderr?: string }) => {
          throw new Error(`pnpm install in ${dir} failed:\n${error.stdout}\n${error.stderr}`)
        },
      ),
    ),
  )
}

const CONSUMER_PROGRAMS = ['tsconfig.node16.json', 'tsconfig.bundler.json', 'tsconfig.bundler-node.json']

/**
 * One tsc per module mode over all the consumer projects (the bundler mode in two programs:
 * with and without Node's types), all at once. Returns the diagnostics per fixture folder
 * (empty when it compiled); with errors, tsc emits nothing.
 */
export async function compileConsumers(root: string, fixtures: Fixture[]): Promise<Record<string, string[]>> {
  const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc')
  const outputs = await Promise.all(
    CONSUMER_PROGRAMS.filter((project) => existsSync(join(root, project))).map((project) =>
      run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: root, timeout: 120_000 }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
      ),
    ),
  )
  const lines = outputs
    .join('\n')
    .split('\n')
    .filter((line) => line.trim() !== '')
  const ownerOf = (line: string) => fixtures.find((fixture) => line.startsWith(`${fixture.folder}/`))
  // A line no project owns (in @types/node, or tsc could not start) belongs to all of them.
  return Object.fromEntries(
    fixtures.map((fixture) => [
      fixture.folder,
      lines.filter((line) => ownerOf(line) === fixture || ownerOf(line) === undefined),
    ]),
  )
}

export function compiled(root: string, folder: string, file: string): boolean {
  return existsSync(join(root, folder, file))
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)
}

function catalogVersion(name: string): string {
  const catalog = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
  const version = new RegExp(`^\\s+'?${name.replace('/', '\\/')}'?: (\\S+)$`, 'm').exec(catalog)?.[1]
  if (!version) throw new Error(`${name} is not in the pnpm catalog`)
  return version
}
