// A real Redis for tests: Debian's redis-server on a free port in a temp folder, with its
// append-only file on (so a restart keeps every job). It runs under a small shell that kills
// it when this process's end of its stdin closes, so nothing is left running after a crash,
// Ctrl-C or kill -9 of the test process; stop() and exit hooks end it by pid sooner.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RedisServer {
  url: string
  port: number
  /** Stops it gracefully (its append-only file is flushed) and starts it again on the same port and folder. */
  restart(): Promise<void>
  /** Stops it and removes its folder. */
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
let hooked = false

const MISSING = 'is it installed? node scripts/ensure-redis.mjs'

function stopGroup(child: ChildProcess): void {
  running.delete(child)
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL')
  } catch {}
}

function killAll(): void {
  for (const child of running) stopGroup(child)
}

function hookExit(): void {
  if (hooked) return
  hooked = true
  process.once('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll()
      process.kill(process.pid, signal)
    })
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes']
  // The shell starts redis, then waits on its stdin: EOF (this process gone) kills redis. With no
  // redis-server on PATH it exits at once (127), rather than waiting out the start timeout.
  const script =
    'command -v redis-server >/dev/null || exit 127; ' +
    'redis-server "$@" & r=$!; trap \'kill -TERM $r 2>/dev/null\' EXIT; read _; kill -TERM $r; wait $r'
  const child = spawn('sh', ['-c', script, 'sh', ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  running.add(child)
  hookExit()
  return new Promise((resolve, reject) => {
    let log = ''
    const fail = (message: string) => {
      clearTimeout(timer)
      stopGroup(child)
      reject(new Error(message))
    }
    const timer = setTimeout(() => fail(`redis-server did not start in 10 s:\n${log}`), 10_000)
    child.once('error', (error) => fail(`redis-server could not start (${MISSING}): ${error.message}`))
    child.once('exit', (code) =>
      fail(code === 127 ? `redis-server is not on PATH (${MISSING})` : `redis-server exited (${code}):\n${log}`),
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer)
        child.stdout?.removeAllListeners('data')
        child.stdout?.resume()
        resolve(child)
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk
    })
  })
}

async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void running.delete(child)
  child.removeAllListeners('exit')
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )
  child.stdin?.end() // the shell stops redis with SIGTERM: it flushes its append-only file and exits
  await exited
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'textbridge-redis-'))
  let child = await launch(port, dir).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw error
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await end(child)
      child = await launch(port, dir)
    },
    async stop() {
      await end(child)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
