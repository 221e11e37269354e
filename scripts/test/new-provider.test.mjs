import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { releasesOf } from '../lib/changesets.mjs'
import { serveFixtures } from './helpers/fixture-server.mjs'
import { copyRepo, hashTree, ROOT, runCommand, runScript } from './helpers/temp-repo.mjs'

const FIXTURES = join(import.meta.dirname, 'fixtures', 'providers')
const fixture = (file) => join(FIXTURES, file)
const PROVIDERS = ['key-sms', 'basic-sms', 'bearer-sms']
// The date the scripts write into the records (TEXTBRIDGE_TODAY): fixed, so that the generated
// specs, and so the turbo hashes of the copy's builds, are the same from one day to the next.
const TODAY = '2026-01-15'
const dated = { env: { TEXTBRIDGE_TODAY: TODAY } }

// One installed copy of the repository for the whole file: the tests below run in order,
// each adding to it, and the last ones check what CI would check on the result.
let repo
let server
const read = (path) => readFileSync(join(repo.dir, path), 'utf8')
// The copy's own installed tools, started directly: `pnpm exec` would add a pnpm start to each.
const bin = (name) => join(repo.dir, 'node_modules', '.bin', name)

beforeAll(async () => {
  repo = copyRepo({ modules: 'none' })
  const install = await runCommand(repo.dir, 'pnpm', ['install', '--offline', '--frozen-lockfile'])
  expect(install.stderr).not.toMatch(/ERR_PNPM/)
  expect(install.status).toBe(0)
  // A fixed port when it is free: the URL is stored in specs/bearer-sms/source.json, which every
  // generate task hashes, so the same URL from run to run keeps the copy's builds turbo cache hits.
  // One port per checkout (the turbo cache of the copies is per checkout too), so that two
  // checkouts testing at once on one machine do not take each other's port and build cold.
  server = await serveFixtures(
    { '/bearer/openapi.json': { type: 'application/json', body: readFileSync(fixture('bearer-sms.json')) } },
    { port: 40_000 + (createHash('sha256').update(ROOT).digest().readUInt16BE(0) % 10_000) },
  )
})
afterAll(async () => {
  await server?.close()
  repo?.remove()
})

describe('pnpm new-provider', () => {
  it('scaffolds a client that sends an API key in the header the spec names', async () => {
    const run = await runScript(
      repo.dir,
      'new-provider.mjs',
      ['key-sms', '--spec', fixture('key-sms.yaml'), '--no-build'],
      dated,
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const index = read('packages/key-sms/src/index.ts')
    expect(index).toContain('export function createKeySmsClient(options: KeySmsClientOptions): KeySmsClient')
    expect(index).toContain("'X-Api-Key': apiKey")
    expect(index).toContain("export const KEY_SMS_BASE_URL = 'https://api.key-sms.test/v2'")
    // A YAML document shipped whole is stored byte for byte.
    expect(read('specs/key-sms/openapi.yaml')).toBe(readFileSync(fixture('key-sms.yaml'), 'utf8'))
    const record = JSON.parse(read('specs/key-sms/source.json'))
    expect(record).toMatchObject({
      provider: 'key-sms',
      operations: ['listMessages', 'sendMessage', 'getMessage'],
      package: '@textbridge/key-sms',
      packageDir: 'packages/key-sms',
      overlay: 'overlay.yaml',
      retrieved: TODAY,
    })
    expect(parseYaml(read('specs/key-sms/overlay.yaml')).actions).toEqual([])
    expect(releasesOf(read('.changeset/key-sms-new-package.md'))).toEqual([
      { name: '@textbridge/key-sms', type: 'minor' },
    ])
    // Registered where the packaging tests look for it: consumer fixture, size budget, README row;
    // linked at the root (publicHoistPattern, pnpm-workspace.yaml, says why), the root manifest
    // untouched, so that its mock resolves by name there.
    expect(read('test/packaging/consumers/key-sms/consumer.ts')).toContain("await client.GET('/messages'")
    expect(JSON.parse(read('test/packaging/consumers/key-sms/fixture.json'))).toEqual({
      install: ['@textbridge/key-sms'],
      mock: 'key-sms',
      reply: { ok: true },
    })
    expect(read('.size-limit.mjs')).toMatch(/'@textbridge\/key-sms': \{ '\.': \{ withDependencies: '[\d.]+ kB'/)
    expect(read('README.md')).toMatch(/^\| `@textbridge\/key-sms` +\| [\d.]+ kB +\| [\d.]+ kB +\|$/m)
    expect(read('package.json')).toBe(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(JSON.parse(read('node_modules/@textbridge/key-sms/package.json')).name).toBe('@textbridge/key-sms')
    // The README example is code that runs: the spec's own sample request, no placeholder.
    const example = /```ts\n([\s\S]*?)```/.exec(read('packages/key-sms/README.md'))?.[1]
    expect(example).not.toContain('…')
    expect(example).toContain("await client.GET('/messages', { params: { query: { limit: 24 } } })")
    expect(read('pnpm-lock.yaml')).toContain('packages/key-sms:')
  })

  it('scaffolds HTTP basic auth, with a required base URL for a server with variables', async () => {
    const run = await runScript(
      repo.dir,
      'new-provider.mjs',
      ['basic-sms', '--spec', fixture('basic-sms.yaml'), '--no-build'],
      dated,
    )
    expect(run.status).toBe(0)
    const index = read('packages/basic-sms/src/index.ts')
    expect(index).toContain('Authorization: basicAuth(username, password)')
    expect(index).toContain('baseUrl: string')
    expect(index).not.toContain('BASE_URL =')
  })

  it('scaffolds bearer auth from a JSON document at a URL, builds it, and stores the document as YAML', async () => {
    const url = server.url('/bearer/openapi.json')
    const run = await runScript(repo.dir, 'new-provider.mjs', ['bearer-sms', '--spec', url], dated)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('built @textbridge/bearer-sms')
    // The vendor's examples that break their own schema, and the scheme nothing uses, get a
    // drafted overlay action each (the lint of the final spec and the mock tests then pass).
    expect(run.stdout).toContain('specs/bearer-sms/overlay.yaml: 4 drafted action(s)')
    const response = "$.paths['/v3/messages'].post.responses"
    const media = "content['application/vnd.bearer+json']"
    const actions = parseYaml(read('specs/bearer-sms/overlay.yaml')).actions
    expect(actions.map(({ target, remove, update }) => ({ target, remove, update }))).toEqual(
      expect.arrayContaining([
        { target: `${response}['422'].${media}.example`, remove: true, update: undefined },
        { target: `${response}['201'].${media}.schema.properties.segments.examples`, remove: true, update: undefined },
        {
          target: `${response}['201'].${media}.schema.properties.segments`,
          remove: undefined,
          update: { examples: [1] },
        },
        { target: '$.components.securitySchemes.legacyKey', remove: true, update: undefined },
      ]),
    )
    expect(actions).toHaveLength(4)
    for (const action of actions) expect(action.description.length).toBeGreaterThan(40)
    const final = JSON.parse(read('packages/bearer-sms/src/generated/openapi.json'))
    expect(final.components.securitySchemes).not.toHaveProperty('legacyKey')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the generated code's template literal
    expect(read('packages/bearer-sms/src/index.ts')).toContain('Authorization: `Bearer ${token}`')
    expect(existsSync(join(repo.dir, 'packages/bearer-sms/dist/index.mjs'))).toBe(true)
    expect(JSON.parse(read('specs/bearer-sms/source.json')).upstream).toBe(url)
    expect(parseYaml(read('specs/bearer-sms/openapi.yaml'))).toEqual(
      JSON.parse(readFileSync(fixture('bearer-sms.json'), 'utf8')),
    )
  })

  it('yields packages that pass what CI checks: drift, build, type check, lint and their own tests', async () => {
    const filters = PROVIDERS.map((name) => `--filter=@textbridge/${name}`)
    // Independent checks, run side by side to keep the suite short; each of the new packages
    // (what the repository had before is CI's to check on the tree itself).
    const checks = [
      ['node', ['scripts/generate.mjs', '--check', ...PROVIDERS]],
      [bin('turbo'), ['run', 'build', 'typecheck', ...filters, '--output-logs=errors-only']],
      [bin('biome'), ['check', ...PROVIDERS.flatMap((name) => [`packages/${name}`, `specs/${name}`])]],
      // What `pnpm run lint:specs` runs.
      ['node', ['scripts/lint-specs.mjs', ...PROVIDERS]],
    ]
    const runs = await Promise.all(checks.map(([command, args]) => runCommand(repo.dir, command, args)))
    runs.forEach((run, index) => {
      expect(run.status, `${checks[index].flat().join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0)
    })
    const tests = await runCommand(repo.dir, bin('vitest'), [
      'run',
      ...PROVIDERS.flatMap((name) => ['--project', name]),
    ])
    // The copy's own vitest.config.ts writes this report.
    const report = JSON.parse(read('reports/vitest.json'))
    const failed = report.testResults.flatMap((file) =>
      file.assertionResults.filter((test) => test.status !== 'passed').map((test) => test.fullName),
    )
    expect(failed, tests.stderr).toEqual([])
    expect(report.numPassedTests).toBeGreaterThan(30)
    expect(tests.status).toBe(0)

    // What the packaging tests check of a new package: its size budget (every entry has one
    // and fits it) and its consumer fixture, compiled strictly and sent to the mock.
    const sizes = await runCommand(repo.dir, bin('size-limit'), ['--json'])
    const budgets = JSON.parse(sizes.stdout)
    for (const name of PROVIDERS) {
      expect(budgets.filter((check) => check.name.startsWith(`@textbridge/${name} `)).length).toBe(2)
    }
    expect(budgets.filter((check) => !check.passed)).toEqual([])
    const consumers = PROVIDERS.map((name) => `../test/packaging/consumers/${name}/consumer.ts`)
    writeFileSync(
      join(repo.dir, 'reports', 'consumers.tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          module: 'preserve',
          moduleResolution: 'bundler',
          types: [],
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
        },
        files: consumers,
      }),
    )
    const compiled = await runCommand(repo.dir, bin('tsc'), ['-p', 'reports/consumers.tsconfig.json'])
    expect(compiled.status, compiled.stdout).toBe(0)
    const sent = await runCommand(repo.dir, process.execPath, [
      '--input-type=module',
      '-e',
      `import { startMock } from '@textbridge/mock-server'
       const replies = {}
       for (const name of ${JSON.stringify(PROVIDERS)}) {
         const mock = await startMock({ provider: name })
         try {
           const { main } = await import(\`./test/packaging/consumers/\${name}/consumer.ts\`)
           replies[name] = await main(mock.url)
         } finally {
           await mock.close()
         }
       }
       console.log(JSON.stringify(replies))`,
    ])
    expect(sent.status, sent.stderr).toBe(0)
    const replies = JSON.parse(sent.stdout.trim().split('\n').at(-1))
    for (const name of PROVIDERS) expect(replies[name], name).toMatchObject({ ok: true })
  })

  it('lets specs:update take in the next version of the new provider, and rebuild it', async () => {
    const next = parseYaml(readFileSync(fixture('key-sms.yaml'), 'utf8'))
    next.components.schemas.NewMessage.properties.sendAt = { type: 'string', format: 'date-time' }
    const file = join(repo.dir, 'reports', 'key-sms-next.json')
    writeFileSync(file, JSON.stringify(next))
    const run = await runScript(repo.dir, 'specs-update.mjs', ['key-sms', '--from', file], dated)
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('built @textbridge/key-sms')
    expect(JSON.parse(read('specs/key-sms/source.json')).retrieved).toBe(TODAY)
    expect(releasesOf(read(`.changeset/key-sms-spec-${TODAY}.md`))).toEqual([
      { name: '@textbridge/key-sms', type: 'minor' },
    ])
    expect(read('packages/key-sms/src/generated/schema.ts')).toContain('sendAt?: string')
  })

  it('puts every file back when the rebuild after an update fails', async () => {
    // A build script that fails at once stands for a generated client that does not compile.
    const manifestPath = join(repo.dir, 'packages', 'key-sms', 'package.json')
    const manifest = readFileSync(manifestPath, 'utf8')
    const failing = JSON.parse(manifest)
    failing.scripts.build = 'node -e "process.exit(1)"'
    writeFileSync(manifestPath, `${JSON.stringify(failing, null, 2)}\n`)
    const next = parseYaml(readFileSync(fixture('key-sms.yaml'), 'utf8'))
    next.info.description = 'A reworded description.'
    const file = join(repo.dir, 'reports', 'key-sms-docs.json')
    writeFileSync(file, JSON.stringify(next))
    const before = hashTree(repo.dir)
    const run = await runScript(repo.dir, 'specs-update.mjs', ['key-sms', '--from', file], dated)
    const after = hashTree(repo.dir)
    writeFileSync(manifestPath, manifest)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/the build of @textbridge\/key-sms failed .*every file was put back as it was/)
    expect(after).toEqual(before)
  })
})
