#!/usr/bin/env node
// CI guard: after a build, a second `pnpm build` with nothing changed must do no work. A task
// that misses the cache here has inputs or outputs turbo.json does not describe (a file the
// build itself writes among its inputs, say).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './lib/specs.mjs'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'usage: node scripts/check-turbo-cache.mjs\n\nRun after `pnpm build`: fails unless turbo would replay every build task from its cache.\n',
  )
  process.exit(0)
}

const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--dry=json'], {
  cwd: ROOT,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  shell: process.platform === 'win32',
})
if (result.status !== 0) {
  process.stderr.write(`check-turbo-cache: turbo run build --dry=json failed\n${result.stderr}`)
  process.exit(1)
}
const tasks = JSON.parse(result.stdout).tasks.filter((task) => task.command !== '<NONEXISTENT>')
const misses = tasks.filter((task) => task.cache?.status !== 'HIT')
if (misses.length > 0) {
  process.stderr.write(
    `check-turbo-cache: a second build would run ${misses.map((task) => task.taskId).join(', ')} again ` +
      '(cache miss with nothing changed): check their inputs and outputs in turbo.json\n',
  )
  process.exit(1)
}
process.stdout.write(`check-turbo-cache: all ${tasks.length} build tasks would be replayed from the cache\n`)
