import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../lib/specs.mjs'
import { BIN, formatAs } from '../lib/tools.mjs'

/** What Biome's npm launcher (node_modules/.bin/biome, what a person runs) makes of `text`. */
function throughLauncher(path, text) {
  const result = spawnSync(join(BIN, 'biome'), ['check', '--write', `--stdin-file-path=${path}`], {
    cwd: ROOT,
    input: text,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
  return { status: result.status, stdout: result.stdout }
}

describe('formatAs (Biome run without its launcher)', () => {
  it.each([
    ['packages/x/src/index.ts', 'import {b} from "b"\nimport {a} from "a"\nexport const x=[a,b,]\n'],
    ['specs/x/source.json', '{"provider":"x","operations":["a","b"],\n"sha256":"00"}'],
    ['package.json', '{ "name": "x", "devDependencies": { "b": "1", "a": "2" } }'],
    ['packages/x/README.md', '# x\n\n*  one\n*  two\n\n```ts\nconst a=1\n```\n'],
  ])('formats %s exactly as the launcher does', (path, text) => {
    const expected = throughLauncher(path, text)
    expect(expected.status).toBe(0)
    expect(formatAs(path, text)).toBe(expected.stdout)
  })

  it('leaves a text Biome cannot parse as it was, as the launcher does', () => {
    const broken = 'export const = (\n'
    expect(throughLauncher('packages/x/src/broken.ts', broken)).toEqual({ status: 0, stdout: broken })
    expect(formatAs('packages/x/src/broken.ts', broken)).toBe(broken)
  })
})
