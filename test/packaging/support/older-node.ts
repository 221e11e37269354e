import { spawnSync } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { delimiter, join } from 'node:path'

export interface NodeBinary {
  path: string
  version: string
}

/**
 * The oldest Node >= 20 and < 24 on this machine besides the one running the tests (the
 * workspace's own Node 24 lives in .tools/): /usr/local/bin/node, /usr/bin/node, then every
 * `node` on PATH. Undefined when there is none.
 */
export function findOlderNode(): NodeBinary | undefined {
  const running = realpathSync(process.execPath)
  const candidates = [
    '/usr/local/bin/node',
    '/usr/bin/node',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')),
  ]
  const found: (NodeBinary & { major: number; minor: number })[] = []
  const seen = new Set<string>()
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue
    const real = realpathSync(candidate)
    if (real === running || real.includes(`${join('.tools', 'node_modules')}`) || seen.has(real)) continue
    seen.add(real)
    const result = spawnSync(real, ['--version'], { encoding: 'utf8', timeout: 10_000 })
    const match = /^v(\d+)\.(\d+)\.\d+/.exec(result.stdout?.trim() ?? '')
    if (!match) continue
    const [major, minor] = [Number(match[1]), Number(match[2])]
    if (major >= 20 && major < 24) found.push({ path: real, version: match[0], major, minor })
  }
  found.sort((a, b) => a.major - b.major || a.minor - b.minor)
  const [oldest] = found
  return oldest && { path: oldest.path, version: oldest.version }
}
