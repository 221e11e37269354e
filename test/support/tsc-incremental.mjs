#!/usr/bin/env node
// The type checker of the vitest projects (typecheck.checker). vitest runs
// `tsc --noEmit --incremental --tsBuildInfoFile <vitest's own dist>/tsconfig.tmp.tsbuildinfo -p <tsconfig>`:
// one build-info file for every project, so each project's check overwrites the last one's and
// no check is ever incremental. This runs the same tsc with the same arguments and a build-info
// file per tsconfig, in node_modules/.cache/vitest-typecheck/: a run after a run re-checks what
// changed (and what depends on it), with the diagnostics a full check gives.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CACHE = join(ROOT, 'node_modules', '.cache', 'vitest-typecheck')

const args = process.argv.slice(2)
const info = args.indexOf('--tsBuildInfoFile')
const project = args.indexOf('-p')
if (info >= 0 && project >= 0 && args[project + 1]) {
  const tsconfig = relative(ROOT, resolve(args[project + 1]))
  mkdirSync(CACHE, { recursive: true })
  args[info + 1] = join(CACHE, `${tsconfig.replace(/[\\/]/g, '__')}.tsbuildinfo`)
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const result = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' })
process.exit(result.status ?? 1)
