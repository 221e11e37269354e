#!/usr/bin/env node
// CI guard: a change under specs/<provider>/ changes what a package ships, so it needs a
// changeset naming that package (`pnpm specs:update` and `pnpm new-provider` write one).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { releasesOf } from './lib/changesets.mjs'
import { ROOT, UserError } from './lib/specs.mjs'

const USAGE = `usage: node scripts/check-changesets.mjs [--base <ref>]

Fails when specs/<provider>/ changed since the base branch and no changeset added since then
names the provider's package. Compares the working tree (commits, staged, unstaged and new
files) with the merge base of HEAD and the base: --base, else origin/<baseBranch>, else
<baseBranch> (baseBranch from .changeset/config.json). On the base branch itself there is
nothing to compare, so it passes.

  --base <ref>   the branch or commit to compare with
  -h, --help     show this help
`

function git(args) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { ok: result.status === 0, out: result.stdout ?? '' }
}

function main() {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help) return void process.stdout.write(USAGE)
  const config = JSON.parse(readFileSync(join(ROOT, '.changeset', 'config.json'), 'utf8'))
  const candidates = values.base ? [values.base] : [`origin/${config.baseBranch}`, config.baseBranch]
  const base = candidates.find((ref) => git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok)
  if (!base) {
    if (values.base) throw new UserError(`no commit "${values.base}" to compare with`)
    process.stdout.write(`changesets: no ${candidates.join(' or ')} to compare with; nothing to check\n`)
    return
  }
  const mergeBase = git(['merge-base', base, 'HEAD']).out.trim()
  if (!mergeBase) throw new UserError(`HEAD and ${base} have no common commit`)
  const changed = [
    ...git(['diff', '--name-only', '-z', mergeBase]).out.split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z']).out.split('\0'),
  ].filter(Boolean)

  const released = new Set()
  const changesets = changed.filter((path) => /^\.changeset\/[^/]+\.md$/.test(path) && !path.endsWith('/README.md'))
  for (const path of changesets) {
    if (!existsSync(join(ROOT, path))) continue
    for (const release of releasesOf(readFileSync(join(ROOT, path), 'utf8'))) released.add(release.name)
  }

  const providers = [...new Set(changed.filter((path) => path.startsWith('specs/')).map((path) => path.split('/')[1]))]
  const missing = []
  for (const provider of providers.sort()) {
    const packageName = packageOf(provider, mergeBase)
    if (!packageName) continue
    if (released.has(packageName)) {
      process.stdout.write(`changesets: specs/${provider}/ changed; a changeset names ${packageName}\n`)
    } else {
      missing.push(`specs/${provider}/ changed since ${base} but no changeset names ${packageName}`)
    }
  }
  if (missing.length > 0) {
    process.stderr.write(
      `${missing.map((line) => `changesets: ${line}`).join('\n')}\n` +
        'changesets: `pnpm specs:update <provider>` writes one; for a hand edit run `pnpm changeset`\n',
    )
    process.exitCode = 1
    return
  }
  if (providers.length === 0) process.stdout.write(`changesets: no change under specs/ since ${base}\n`)
}

/** The package a provider's specs belong to, from its record now or, if it was removed, at the base. */
function packageOf(provider, mergeBase) {
  const path = `specs/${provider}/source.json`
  const text = existsSync(join(ROOT, path))
    ? readFileSync(join(ROOT, path), 'utf8')
    : git(['show', `${mergeBase}:${path}`]).out
  try {
    return JSON.parse(text).package
  } catch {
    return null
  }
}

try {
  main()
} catch (error) {
  process.stderr.write(`check-changesets: ${error instanceof UserError ? error.message : error.stack}\n`)
  process.exitCode = 1
}
