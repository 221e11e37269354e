import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { bundleFile } from '../../scripts/lib/browser-bundle.mjs'

const FIXTURES = fileURLToPath(new URL('./fixtures/browser/', import.meta.url))

describe('the browser bundle check itself', () => {
  it('fails a file that imports node:fs, naming the built-in', async () => {
    const { problems } = await bundleFile(`${FIXTURES}imports-node-fs.mjs`, FIXTURES)
    expect(problems).toEqual([expect.stringContaining('imports the Node built-in "node:fs"')])
  })

  it('fails a CommonJS file that requires a bare built-in (fs)', async () => {
    const { problems } = await bundleFile(`${FIXTURES}requires-bare-fs.cjs`, FIXTURES)
    expect(problems).toEqual([expect.stringContaining('imports the Node built-in "fs"')])
  })

  it('fails a file whose import reaches a built-in one module further', async () => {
    const { problems } = await bundleFile(`${FIXTURES}reaches-node-through-a-file.mjs`, FIXTURES)
    expect(problems).toEqual([expect.stringMatching(/imports-node-fs\.mjs:\d+: imports the Node built-in "node:fs"/)])
  })

  it('passes a file that uses web standards only', async () => {
    const { problems, bytes } = await bundleFile(`${FIXTURES}fetch-only.mjs`, FIXTURES)
    expect(problems).toEqual([])
    expect(bytes).toBeGreaterThan(0)
  })
})
