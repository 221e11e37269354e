import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishablePackages, ROOT } from '../../scripts/lib/packages.mjs'

const run = promisify(execFile)
const RELEASE = join(ROOT, 'scripts', 'release.mjs')
const CHANGESET = join(
  dirname(createRequire(join(ROOT, 'package.json')).resolve('@changesets/cli/package.json')),
  'bin.js',
)
// Nothing listens on port 9: any registry request fails at once, as on a machine offline.
const OFFLINE = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' }

describe('pnpm release', () => {
  it('refuses to publish from CI unless told to explicitly, before doing anything', async () => {
    const result = await run(process.execPath, [RELEASE, '--publish'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', TEXTBRIDGE_RELEASE: '' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('refusing to publish from CI without TEXTBRIDGE_RELEASE=1')
  })

  it('documents the path with --help', async () => {
    const { stdout } = await run(process.execPath, [RELEASE, '--help'])
    expect(stdout).toContain('pnpm changeset version')
    expect(stdout).toContain('pnpm release --publish')
  })
})

describe('changesets, offline, in a copy of the work tree (versions here never change)', () => {
  const copy = mkdtempSync(join(tmpdir(), 'textbridge-release-'))
  const [bumped, ...others] = publishablePackages()
  if (!bumped) throw new Error('no publishable package')

  beforeAll(async () => {
    // Tracked and new files as they are now, plus the builds that publishing packs.
    const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT })
    for (const file of stdout.split('\0').filter(Boolean)) {
      if (!existsSync(join(ROOT, file))) continue
      mkdirSync(dirname(join(copy, file)), { recursive: true })
      cpSync(join(ROOT, file), join(copy, file))
    }
    for (const pkg of publishablePackages()) {
      cpSync(join(pkg.dir, 'dist'), join(copy, 'packages', pkg.folder, 'dist'), { recursive: true })
    }
    await run('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts'], {
      cwd: copy,
      env: { ...process.env, ...OFFLINE },
      timeout: 120_000,
    })
  })
  afterAll(() => rmSync(copy, { recursive: true, force: true }))

  it('changeset version bumps only the package a changeset names, with a changelog', async () => {
    // The copy's pending changesets would bump their packages too: only the rehearsal's stays.
    for (const file of readdirSync(join(copy, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file))
    }
    writeFileSync(
      join(copy, '.changeset', 'release-rehearsal.md'),
      `---\n'${bumped.name}': patch\n---\n\nA fix a user would notice.\n`,
    )
    await run(process.execPath, [CHANGESET, 'version'], { cwd: copy, env: { ...process.env, ...OFFLINE } })
    const version = (folder: string) =>
      JSON.parse(readFileSync(join(copy, 'packages', folder, 'package.json'), 'utf8')).version
    const [major, minor, patch] = String(bumped.manifest.version).split('.').map(Number)
    expect(version(bumped.folder)).toBe(`${major}.${minor}.${(patch ?? 0) + 1}`)
    expect(readFileSync(join(copy, 'packages', bumped.folder, 'CHANGELOG.md'), 'utf8')).toContain(
      'A fix a user would notice.',
    )
    for (const other of others) expect(version(other.folder), other.name).toBe(other.manifest.version)
  })

  it('pnpm publish -r --dry-run packs every publishable package and sends nothing', async () => {
    const { stdout, stderr } = await run('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'], {
      cwd: copy,
      env: { ...process.env, ...OFFLINE },
      timeout: 120_000,
    })
    const output = `${stdout}\n${stderr}`
    for (const pkg of publishablePackages()) expect(output).toContain(`+ ${pkg.name}@`)
    expect(output).toContain('(dry-run)')
  })
})
