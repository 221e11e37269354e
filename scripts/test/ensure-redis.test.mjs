import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../lib/packages.mjs'

const run = promisify(execFile)
const SCRIPT = join(ROOT, 'scripts/ensure-redis.mjs')
// A PATH with a shell and an apt-get (that is never run: --dry-run) but no redis-server.
const BIN = mkdtempSync(join(tmpdir(), 'ensure-redis-'))
symlinkSync('/bin/sh', join(BIN, 'sh'))
symlinkSync('/bin/true', join(BIN, 'apt-get'))
afterAll(() => rmSync(BIN, { recursive: true, force: true }))

describe('node scripts/ensure-redis.mjs', () => {
  it('says where it stands and installs nothing when redis-server is on PATH, or names the install', async () => {
    const found = await run(process.execPath, [SCRIPT, '--dry-run']).catch((error) => error)
    expect(`${found.stdout}${found.stderr}`).toMatch(/ensure-redis: (Redis server v=|redis-server is)/)
  })

  it('without redis-server on PATH, names the install it would run as root, or how to install it', async () => {
    const result = await run(process.execPath, [SCRIPT, '--dry-run'], { env: { PATH: BIN } }).catch((error) => error)
    const text = `${result.stdout}${result.stderr}`
    if (process.getuid?.() === 0) expect(text).toContain('apt-get update && apt-get install -y redis-server')
    else expect(text).toContain('redis-server is not on PATH')
  })
})
