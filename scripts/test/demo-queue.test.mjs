import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../lib/packages.mjs'

const run = promisify(execFile)

describe('pnpm demo:queue', () => {
  it('sends every text once through the queue at the enforced rate, showing its progress line', async () => {
    const { stdout } = await run(process.execPath, ['scripts/demo-queue.mjs', '--sends', '60', '--rate', '50'], {
      cwd: ROOT,
      timeout: 60_000,
    })
    expect(stdout).toMatch(/^\d+ sent · 0 failed · 0 unknown · \d+ left · [\d.]+\/s · ETA/m)
    expect(stdout).toContain('done: 60 sent, 0 failed, 0 unknown; the provider took 60 texts and answered 0 429s')
  })

  it('rejects a rate that is not a whole number', async () => {
    const error = await run(process.execPath, ['scripts/demo-queue.mjs', '--rate', 'fast'], { cwd: ROOT }).catch(
      (e) => e,
    )
    expect(error.stderr).toContain('--sends and --rate must be whole numbers')
  })
})
