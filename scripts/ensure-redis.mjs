#!/usr/bin/env node
// Makes sure `redis-server` is on PATH for the send queue's Redis tests (textbridge/queue).
// When it is missing and this runs as root where apt-get exists (CI: Debian, root), it
// installs Debian's redis-server (it starts no service; the tests start their own).
// Otherwise it says how to install it and exits 1. Plain JavaScript, no dependencies.
import { spawnSync } from 'node:child_process'

const INSTALL = ['sh', '-c', 'apt-get update && apt-get install -y redis-server']

if (process.argv.includes('--help')) {
  process.stdout.write(
    'usage: node scripts/ensure-redis.mjs [--dry-run]\n\n' +
      'Checks that redis-server is on PATH; as root with apt-get, installs it when missing.\n' +
      '--dry-run  say what would be run, run nothing\n',
  )
  process.exit(0)
}
const dryRun = process.argv.includes('--dry-run')

const found = (command) => spawnSync(command, ['--version'], { encoding: 'utf8' })
const version = found('redis-server')
if (version.status === 0) {
  process.stdout.write(`ensure-redis: ${version.stdout.trim()}\n`)
  process.exit(0)
}
const root = process.getuid?.() === 0
if (!root || spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status !== 0) {
  process.stderr.write(
    'ensure-redis: redis-server is not on PATH. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server;\n' +
      'macOS: brew install redis) to run the send queue tests on Redis.\n',
  )
  process.exit(1)
}
process.stdout.write(`ensure-redis: redis-server is missing; running: ${INSTALL[2]}\n`)
if (dryRun) process.exit(0)
const install = spawnSync(INSTALL[0], INSTALL.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
})
if (install.status !== 0 || found('redis-server').status !== 0) {
  process.stderr.write('ensure-redis: installing redis-server failed\n')
  process.exit(1)
}
process.stdout.write(`ensure-redis: installed ${found('redis-server').stdout.trim()}\n`)
