import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../lib/packages.mjs'

const run = promisify(execFile)
const out = mkdtempSync(join(tmpdir(), 'textbridge-bench-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('pnpm bench --quick (a smoke run, not a timing)', () => {
  it('times every way of every operation, weighs the bundles and writes the results', async () => {
    await run(process.execPath, ['bench/run.mjs', '--quick', '--out', out], { cwd: ROOT, timeout: 60_000 })
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
    const ways = new Set(results.calls.loopback.map((row) => row.way))
    expect([...ways]).toEqual(expect.arrayContaining(['fetch', 'provider client', 'facade', 'axios', 'ky', 'ofetch']))
    expect(results.calls.clientAlone.every((row) => row.samples > 0 && row.ratio > 0)).toBe(true)
    expect(results.sizes.map((entry) => entry.name)).toContain('textbridge/quo')
    expect(results.queue.throughput.map((run) => [run.store, run.sent === run.sends])).toEqual([
      ['in-process', true],
      ['redis', true],
    ])
    expect(results.webhooks.map((row) => row.way)).toEqual(
      expect.arrayContaining(['verifyQuoWebhook', 'verifyTextUsWebhook']),
    )
    expect(results.webhooks.every((row) => row.samples > 0 && row.ratio > 0)).toBe(true)
    const report = readFileSync(join(out, 'RESULTS.md'), 'utf8')
    for (const verdict of results.verdicts) expect(report).toContain(verdict.target)
  })
})
