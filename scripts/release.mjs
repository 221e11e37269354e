#!/usr/bin/env node
// pnpm release — the one documented way to publish. Without --publish it is a rehearsal that
// publishes nothing; with it, it publishes through changesets (versions are independent).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { publishablePackages, ROOT } from './lib/packages.mjs'

const USAGE = `usage: pnpm release [--publish]

The release path (each package has its own version):
  1. pnpm changeset          describe each change a user would notice, one sentence each
  2. pnpm changeset version  bump the versions, write the CHANGELOGs; pnpm install; commit
  3. pnpm release            rehearsal: build, pnpm check:packages, pnpm publish -r --dry-run
  4. pnpm release --publish  the same checks, then \`changeset publish\` (publishes every
                             package whose version is not on the registry yet, tags it);
                             then git push --follow-tags
Without --publish nothing leaves this machine. --publish needs npm credentials, a clean
work tree and no pending changeset; where CI is set it also needs TEXTBRIDGE_RELEASE=1, so a
CI job that runs this by mistake cannot publish.
`

const { values } = parseArgs({
  options: {
    publish: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`)
  process.exit(1)
}

function step(command, args) {
  process.stderr.write(`release: ${command} ${args.join(' ')}\n`)
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed`)
}

const pending = readdirSync(join(ROOT, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md')
if (values.publish) {
  if (process.env.CI && process.env.TEXTBRIDGE_RELEASE !== '1') {
    fail('refusing to publish from CI without TEXTBRIDGE_RELEASE=1 (see pnpm release --help)')
  }
  if (pending.length > 0) fail(`${pending.length} pending changeset(s): run pnpm changeset version and commit first`)
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })
  if (status.status !== 0 || status.stdout.trim() !== '') fail('the work tree is not clean: commit first')
} else if (pending.length > 0) {
  process.stderr.write(`release: note: ${pending.length} pending changeset(s); versions below are before them\n`)
}

step('pnpm', ['run', 'build'])
step('node', ['scripts/check-packages.mjs'])
if (!values.publish) {
  step('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'])
  const names = publishablePackages().map((pkg) => `${pkg.name}@${pkg.manifest.version}`)
  process.stdout.write(`\nRehearsal only: nothing was published. Would publish: ${names.join(', ')}\n`)
} else {
  step('pnpm', ['exec', 'changeset', 'publish'])
  process.stdout.write('\nPublished. Push the new tags: git push --follow-tags\n')
}
