// The facade's limits are the spec's: an overlay that changes one, then `pnpm generate`, and
// the facade follows with no other edit. Proved on a temporary copy of the repository's specs
// and scripts, its generated rules put in place of the provider package's.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')
const LIMIT = 200

let copy: string

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'textbridge-rules-'))
  cpSync(join(ROOT, 'specs', 'quo'), join(copy, 'specs', 'quo'), { recursive: true })
  cpSync(join(ROOT, 'scripts'), join(copy, 'scripts'), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')
  const overlay = join(copy, 'specs', 'quo', 'overlay.yaml')
  writeFileSync(
    overlay,
    `${readFileSync(overlay, 'utf8')}  - target: $.paths['/v1/messages'].post.requestBody.content['application/json'].schema.properties.content
    description: A lower limit, to see the facade follow it.
    update:
      maxLength: ${LIMIT}
`,
  )
  execFileSync(process.execPath, [join(copy, 'scripts', 'generate.mjs'), 'quo'], { stdio: 'pipe' })
}, 60_000)

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
  // The facade imported above holds the mocked rules: the next file in this worker (the project
  // runs without isolation) gets a fresh module graph, with the provider package's own.
  vi.doUnmock('@textbridge/quo')
  vi.resetModules()
})

describe('rules read from the spec', () => {
  it('regenerates rules.ts with the overlay’s limit', () => {
    const rules = readFileSync(join(copy, 'packages', 'quo', 'src', 'generated', 'rules.ts'), 'utf8')
    expect(rules).toContain(`"maxLength": ${LIMIT}`)
    expect(rules).toMatch(/^ \* DO NOT EDIT/m)
  })

  it('makes the facade refuse what the changed spec refuses, with no other edit', async () => {
    const generated = pathToFileURL(join(copy, 'packages', 'quo', 'src', 'generated', 'rules.ts')).href
    vi.resetModules()
    vi.doMock('@textbridge/quo', async (original) => ({ ...(await original<object>()), ...(await import(generated)) }))
    const { createMessenger, ValidationError } = await import('../../src/index.js')
    const requests: string[] = []
    const sms = createMessenger({
      provider: 'quo',
      apiKey: 'key-123456',
      from: '+15555550100',
      fetch: async (request) => {
        requests.push(await request.text())
        return new Response(null, { status: 503 })
      },
      retry: { retries: 0 },
    })
    const error = await sms.send({ to: '+15555550123', text: 'x'.repeat(LIMIT + 1) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as InstanceType<typeof ValidationError>).problems).toEqual([
      expect.objectContaining({ path: 'text', rule: 'max-length', message: `must be at most ${LIMIT} characters` }),
    ])
    expect(requests).toEqual([])
    await sms.send({ to: '+15555550123', text: 'x'.repeat(LIMIT) }).catch(() => undefined)
    expect(requests).toHaveLength(1)
  })
})
