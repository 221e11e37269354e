import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../lib/packages.mjs'

const run = promisify(execFile)

describe('pnpm demo (npm start)', () => {
  it('sends through each client, then runs the whole loop per provider: send, status webhooks, a reply, verified', async () => {
    const { stdout } = await run(process.execPath, ['scripts/demo.mjs'], { cwd: ROOT, timeout: 60_000 })
    for (const provider of ['quo', 'signalwire', 'textus']) {
      expect(stdout).toMatch(new RegExp(`✔ ${provider} +POST`))
      expect(stdout).toMatch(new RegExp(`✔ ${provider} +sent \\S+ → webhooks [a-z →]*delivered; reply "On my way"`))
    }
    expect(stdout).toContain('The whole loop works for every provider')
    expect(stdout).not.toContain('✘')
  })
})
