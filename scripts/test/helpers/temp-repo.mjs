// Temporary copies of the repository for the scripts' tests: the commands run there, so the
// real tree is never touched, and a failed command can be checked to leave it byte-identical.
import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/**
 * turbo's cache for every copy, kept between runs in this tree's node_modules/.cache (never the
 * tree's own .turbo cache): turbo keys an entry by a hash of all of a task's inputs, so a copy's
 * build or type check is replayed only when a run before did it on the same bytes, and done
 * again on any change. Seeded from the tree's own cache (a copy's mock-server build has the
 * tree's hash until a command changes the lockfile). Entries unused for two weeks go.
 */
export const TURBO_CACHE = join(ROOT, 'node_modules', '.cache', 'textbridge-repo-copies', 'turbo')
const TURBO_CACHE_DAYS = 14

function treeTurboCaches() {
  const caches = [join(ROOT, '.turbo', 'cache')]
  try {
    // A git worktree shares the cache of the repository's main work tree.
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    caches.push(join(dirname(common), '.turbo', 'cache'))
  } catch {
    // Not a git checkout: only the tree's own cache.
  }
  return [...new Set(caches)].filter((dir) => existsSync(dir))
}

let turboCacheReady = false
function prepareTurboCache() {
  if (turboCacheReady) return
  turboCacheReady = true
  mkdirSync(TURBO_CACHE, { recursive: true })
  const oldest = Date.now() - TURBO_CACHE_DAYS * 24 * 3600 * 1000
  for (const name of readdirSync(TURBO_CACHE)) {
    const path = join(TURBO_CACHE, name)
    if (statSync(path).mtimeMs < oldest) rmSync(path, { recursive: true, force: true })
  }
  for (const source of treeTurboCaches()) {
    for (const name of readdirSync(source)) {
      const target = join(TURBO_CACHE, name)
      if (existsSync(target) || !statSync(join(source, name)).isFile()) continue
      // Copied, not linked: nothing done in a copy can reach the tree's own cache.
      copyFileSync(join(source, name), target, constants.COPYFILE_FICLONE)
    }
  }
}

/** The repository's files as git sees them (tracked, and new ones not ignored). */
function repositoryFiles() {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(join(ROOT, file)))
}

/**
 * Copies the repository into a new temporary folder. `modules: 'link'` points its
 * node_modules folders at the real ones (enough for commands that install and build
 * nothing); `modules: 'none'` leaves them out, for a test that runs `pnpm install` there.
 */
export function copyRepo({ modules = 'link' } = {}) {
  prepareTurboCache()
  const dir = mkdtempSync(join(tmpdir(), 'textbridge-repo-'))
  // copyFile (mode bits kept, a clone of the blocks where the file system can): about half the
  // time of cpSync, which checks and stats each file first. The repository holds no symlinks.
  const folders = new Set()
  for (const file of repositoryFiles()) {
    const folder = dirname(join(dir, file))
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true })
    folders.add(folder)
    copyFileSync(join(ROOT, file), join(dir, file), constants.COPYFILE_FICLONE)
  }
  if (modules === 'link') {
    for (const folder of ['.', ...readdirSync(join(ROOT, 'packages')).map((name) => join('packages', name))]) {
      const real = join(ROOT, folder, 'node_modules')
      if (existsSync(real) && existsSync(join(dir, folder))) symlinkSync(real, join(dir, folder, 'node_modules'), 'dir')
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

const SKIPPED = new Set(['node_modules', '.turbo', 'dist', 'reports'])

/** sha256 of every file under `dir` (node_modules, build output and caches left out). */
export function hashTree(dir) {
  const hashes = {}
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile())
        hashes[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  return hashes
}

/**
 * Runs a command in `dir` without blocking this process (a fixture server in it must go on
 * answering), in an environment without this test runner's own variables, turbo's cache set to
 * TURBO_CACHE, plus `env`. Resolves to `{ status, stdout, stderr }`.
 */
export function runCommand(dir, command, args = [], { env: extra = {} } = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VITEST|TINYPOOL|INIT_CWD$|npm_)/.test(name)),
  )
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: dir,
        env: { ...env, FORCE_COLOR: '0', TURBO_TELEMETRY_DISABLED: '1', TURBO_CACHE_DIR: TURBO_CACHE, ...extra },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    )
  })
}

/** Runs `node scripts/<script> ...args` in `dir` (see runCommand). */
export function runScript(dir, script, args = [], options = {}) {
  return runCommand(dir, process.execPath, [join('scripts', script), ...args], options)
}
