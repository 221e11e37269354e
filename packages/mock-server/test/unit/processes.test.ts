import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('../../bin/textbridge-mock.mjs', import.meta.url))
const HOLD = fileURLToPath(new URL('../fixtures/hold-mock.mjs', import.meta.url))
const TINY = fileURLToPath(new URL('../fixtures/tiny.yaml', import.meta.url))
const KILL_RUN = fileURLToPath(new URL('../fixtures/kill-run/', import.meta.url))
const VITEST = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs')

/** Starts a node process and resolves with the first line it prints (the mock's URL). */
async function startPrinting(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n')[0]
      if (output.includes('\n') && line) resolve(line.trim())
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a URL`)))
  })
  return { child, url }
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url)
    return true
  } catch {
    return false
  }
}

// Each test starts Node processes (a whole vitest run, for some): on a loaded machine that takes
// seconds, so the budget per test is generous. The tests share nothing (each its own processes,
// process group and free port), so they run at once: most of their time is waiting on a start.
describe('no mock outlives its process', { timeout: 30_000, concurrent: true }, () => {
  it('the port is free once the process holding a mock is killed (SIGKILL: no cleanup runs)', async () => {
    const { child, url } = await startPrinting([HOLD])
    expect(await reachable(`${url}/things/T1`)).toBe(true)
    child.kill('SIGKILL')
    await once(child, 'exit')
    expect(await reachable(`${url}/things/T1`)).toBe(false)
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('the CLI closes its mock and exits 0 on %s', async (signal) => {
    const { child, url } = await startPrinting([CLI, TINY, '--port', '0', '--log', 'silent'])
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${url}/things/T1`)).status).toBe(200)
    child.kill(signal)
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(await reachable(`${url}/things/T1`)).toBe(false)
  })

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    'killing a test run mid-way with %s leaves no process and no open mock behind',
    async (signal) => {
      const folder = mkdtempSync(join(tmpdir(), 'kill-run-'))
      const urlFile = join(folder, 'url')
      // A process group of its own, so that every process of the run can be looked for afterwards.
      const run = spawn(process.execPath, [VITEST, 'run', '--config', join(KILL_RUN, 'vitest.config.ts')], {
        cwd: KILL_RUN,
        env: { ...process.env, MOCK_URL_FILE: urlFile },
        stdio: 'ignore',
        detached: true,
      })
      try {
        for (let waited = 0; !existsSync(urlFile) || readFileSync(urlFile, 'utf8') === ''; waited += 50) {
          if (waited > 30_000) throw new Error('the test run never started its mock')
          await sleep(50)
        }
        const url = readFileSync(urlFile, 'utf8')
        expect(await reachable(`${url}/things/T1`)).toBe(true)
        run.kill(signal)
        await once(run, 'exit')
        let alive = true
        for (let waited = 0; alive && waited < 10_000; waited += 100) {
          try {
            process.kill(-(run.pid as number), 0)
            await sleep(100)
          } catch {
            alive = false
          }
        }
        expect(alive, 'a process of the killed run is still running').toBe(false)
        expect(await reachable(`${url}/things/T1`)).toBe(false)
      } finally {
        // Whatever the outcome, nothing of the run is left: no process of its group, no folder.
        try {
          process.kill(-(run.pid as number), 'SIGKILL')
        } catch {
          // The group is gone already (the test's own check).
        }
        rmSync(folder, { recursive: true, force: true })
      }
    },
    60_000,
  )

  it('the CLI explains its usage and a bad port', async () => {
    const child = spawn(process.execPath, [CLI, 'quo', '--port', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const [code] = await once(child, 'exit')
    expect(code).toBe(2)
    expect(stderr).toMatch(/--port must be a whole number/)
  })
})
