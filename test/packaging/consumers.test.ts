import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { startMock } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, type ExpectStatic, expect, inject, it } from 'vitest'
import { publishablePackages, ROOT } from '../../scripts/lib/packages.mjs'
import {
  compileConsumers,
  compiled,
  envNames,
  installConsumers,
  loadFixtures,
  readmeExample,
  writeConsumers,
} from './support/consumers.js'
import { findOlderNode } from './support/older-node.js'
import { runInWebRealm } from './support/web-realm.js'

const run = promisify(execFile)
const RUN_CONSUMER = fileURLToPath(new URL('./support/run-consumer.mjs', import.meta.url))
const REDIRECT_FETCH = pathToFileURL(fileURLToPath(new URL('./support/redirect-fetch.mjs', import.meta.url))).href

const MODES = [
  { name: 'ESM (moduleResolution node16)', file: 'src/consumer.mjs' },
  { name: 'CommonJS (moduleResolution node16)', file: 'src/consumer.cjs' },
  { name: 'ESM (moduleResolution bundler)', file: 'src/bundler/consumer.js' },
]

const older = findOlderNode()
const NODES = [
  { label: `Node ${process.version}`, path: process.execPath },
  ...(older ? [{ label: `Node ${older.version}`, path: older.path }] : []),
]
if (!older) {
  process.stderr.write(
    `packaging: no Node >= 20 and < 24 found besides ${process.version}; the older-Node consumer runs are SKIPPED\n`,
  )
}

const fixtures = loadFixtures()
const packages = publishablePackages()
const root = mkdtempSync(join(tmpdir(), 'textbridge-consumers-'))
let diagnostics: Record<string, string[]> = {}

beforeAll(async () => {
  writeConsumers(root, fixtures, inject('tarballs'))
  await installConsumers(root, fixtures)
  diagnostics = await compileConsumers(root, fixtures)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

it.each(packages.map((pkg) => [pkg.name, pkg.folder]))('%s has a consumer fixture', (_name, folder) => {
  expect(
    fixtures.map((fixture) => fixture.folder),
    `add test/packaging/consumers/${folder}/`,
  ).toContain(folder)
})

describe.each(fixtures.map((fixture) => [fixture.install.join(' + '), fixture] as const))(
  '%s, installed alone from the packed tarballs',
  (_label, fixture) => {
    const dir = join(root, fixture.folder)
    const pkg = packages.find((candidate) => candidate.name === fixture.install[0])

    /**
     * Runs `action` against a mock of its own (so runs can go in parallel), then checks that
     * every request the mock received kept to the spec.
     */
    async function withMock(expect: ExpectStatic, action: (url: string) => Promise<void>) {
      if (!fixture.mock) return action('')
      const mock = await startMock({ provider: fixture.mock })
      try {
        await action(mock.url)
        expect(mock.requests.length).toBeGreaterThan(0)
        for (const request of mock.requests) expect(request.violations, `${request.method} ${request.url}`).toEqual([])
      } finally {
        await mock.close()
      }
    }

    it('compiles with strict tsc, no skipLibCheck: ESM and CJS (node16), ESM (bundler), README example', () => {
      expect(diagnostics[fixture.folder]).toEqual([])
    })

    describe.each(NODES)('on $label', (node) => {
      it.concurrent.for(MODES)('runs as $name and gets the documented reply', async (mode, { expect }) => {
        expect(compiled(root, fixture.folder, mode.file), `${mode.file} was not emitted`).toBe(true)
        await withMock(expect, async (url) => {
          const { stdout } = await run(node.path, [RUN_CONSUMER, mode.file, url], { cwd: dir, timeout: 30_000 })
          expect(JSON.parse(stdout)).toMatchObject(fixture.reply)
        })
      })

      it.concurrent('runs the README example unchanged, its requests sent to the mock', async ({ expect }) => {
        const readme = readmeExample(readFileSync(join(ROOT, 'packages', fixture.folder, 'README.md'), 'utf8'))
        expect(readme, 'the README has no ```ts example').toBeDefined()
        const env = Object.fromEntries(envNames(readme ?? '').map((name) => [name, `readme-${name.toLowerCase()}`]))
        await withMock(expect, async (url) => {
          const result = await run(node.path, ['--import', REDIRECT_FETCH, 'src/readme.mjs'], {
            cwd: dir,
            timeout: 30_000,
            env: { ...process.env, ...env, TEXTBRIDGE_MOCK_URL: url },
          })
          expect(result.stdout.trim(), 'the example prints what it got').not.toBe('')
        })
      })
    })

    if (!older) it.skip('runs on an older Node too: none found on this machine (see the message above)')

    if (pkg?.runsEverywhere) {
      it.concurrent('runs bundled for the browser, in a realm with fetch and web globals only', async ({ expect }) => {
        await withMock(expect, async (url) => {
          expect(await runInWebRealm(join(dir, 'src/bundler/consumer.js'), dir, url)).toMatchObject(fixture.reply)
        })
      })
    }
  },
)
