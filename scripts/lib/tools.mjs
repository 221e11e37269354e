// The workspace's own tools, run from the scripts: turbo, pnpm, Biome.
import { spawnSync } from 'node:child_process'
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
 * A file's text as `biome check --write` leaves it at `path` (JSON, TypeScript, …): formatted,
 * imports sorted, safe fixes applied.
 */
export function formatAs(path, text) {
  const result = spawnSync(join(BIN, 'biome'), ['check', '--write', `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
    shell,
  })
  if (result.status !== 0) throw new UserError(`biome could not format ${path}: ${result.stderr.trim().split('\n')[0]}`)
  return result.stdout
}
