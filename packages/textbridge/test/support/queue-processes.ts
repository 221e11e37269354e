// Starts producer and worker processes of a Redis send queue (test/support/queue-process.mjs,
// on the built package), and kills them: by SIGTERM, or by SIGKILL as a crash would.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./queue-process.mjs', import.meta.url))
const DIST = fileURLToPath(new URL('../../dist/queue.mjs', import.meta.url))

export interface ProcessOptions {
  redis: string
  name: string
  provider: 'quo' | 'signalwire'
  url: string
  rate: { max: number; perMs: number; by?: 'request' | 'segment' }
  concurrency?: number
  lockMs?: number
  sendTimeoutMs?: number
  reconcileAfterMs?: number
}

// Each child also exits when its stdin closes, so a test process killed -9 leaves none behind.
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

function start(options: object): ChildProcess {
  if (!existsSync(DIST)) throw new Error('The queue processes run the built package: run `pnpm build` first.')
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk
      const end = out.indexOf('\n')
      if (end >= 0) resolve(out.slice(0, end))
    })
    child.once('close', (code) => reject(new Error(`queue process exited (${code}) before answering`)))
  })
}

/** A worker process; resolves once it is connected and sending. */
export async function startWorker(options: ProcessOptions): Promise<ChildProcess> {
  const child = start({ mode: 'work', ...options })
  await firstLine(child)
  return child
}

/** Adds jobs from a process of its own; resolves with its add results once it has ended by itself after `close()`. */
export async function addFrom(
  options: ProcessOptions,
  jobs: { id: string; input: unknown }[],
): Promise<{ id: string; added: boolean }[]> {
  const child = start({ mode: 'add', ...options, jobs })
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  const results = JSON.parse(await firstLine(child))
  const code = await exited
  if (code !== 0) throw new Error(`the producer process ended with ${code}`)
  return results
}

/** Ends a process: `SIGKILL` as a crash would (nothing runs after it), `SIGTERM` cleanly. */
export function stop(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  return exited
}
