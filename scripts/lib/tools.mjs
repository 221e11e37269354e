// The workspace's own tools, run from the scripts: turbo, pnpm, Biome.
import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT, UserError } from './specs.mjs'

export const BIN = join(ROOT, 'node_modules', '.bin')
const shell = process.platform === 'win32'

/** Runs a command at the repository root with its output shown; returns its exit code. */
export function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell })
  return result.status ?? 1
}

/** Builds one package (and what it depends on) through turbo, so its cache stays right. */
export function buildPackage(packageName) {
  return run(join(BIN, 'turbo'), ['run', 'build', `--filter=${packageName}`, '--output-logs=errors-only'])
}

/**
 * Biome's own executable, found as its npm launcher finds it (BIOME_BINARY, else the package of
 * this platform): the launcher is a Node process of its own that starts the executable, about
 * five times the cost of formatting one file, and a scaffold formats a dozen. The launcher
 * itself where no platform package is installed.
 */
function biomeExecutable() {
  if (process.env.BIOME_BINARY) return { command: process.env.BIOME_BINARY, shell: false }
  const musl = process.platform === 'linux' && !process.report?.getReport().header.glibcVersionRuntime
  const name = `@biomejs/cli-${process.platform}-${process.arch}${musl ? '-musl' : ''}`
  try {
    // From the launcher's real folder: pnpm links the platform package beside it, not at the root.
    const fromLauncher = createRequire(realpathSync(join(ROOT, 'node_modules', '@biomejs', 'biome', 'package.json')))
    const file = fromLauncher.resolve(`${name}/biome${process.platform === 'win32' ? '.exe' : ''}`)
    return { command: file, shell: false }
  } catch {
    return { command: join(BIN, 'biome'), shell }
  }
}
let biome

/**
 * A file's text as `biome check --write` leaves it at `path` (JSON, TypeScript, …): formatted,
 * imports sorted, safe fixes applied.
 */
export function formatAs(path, text) {
  biome ??= biomeExecutable()
  const result = spawnSync(biome.command, ['check', '--write', `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
    shell: biome.shell,
  })
  if (result.status !== 0) throw new UserError(`biome could not format ${path}: ${result.stderr.trim().split('\n')[0]}`)
  return result.stdout
}
