#!/usr/bin/env node
// pnpm new-provider <name> --spec <file|url> — adds a provider: its spec folder, its package
// (a client whose auth follows the spec's security schemes, a README, tests that walk every
// operation against the mock), a changeset; then installs, generates and builds it.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { changesetPath, renderChangeset } from './lib/changesets.mjs'
import { generateFiles } from './lib/codegen.mjs'
import { SpecProblems } from './lib/codegen-fixes.mjs'
import { describeProblems, draftFixes, lintSpec, renderOverlay } from './lib/example-fixes.mjs'
import { keepOperations, listOperations } from './lib/operations.mjs'
import { renderDrafts } from './lib/overlay-drafts.mjs'
import {
  apiName,
  consumerFiles,
  deriveAuth,
  loadMockServer,
  PROVIDER_NAME,
  packageFiles,
  pascalCase,
  sampleFirstOperation,
} from './lib/scaffold.mjs'
import { isUrl, parseOpenApi, readSpecInput } from './lib/spec-input.mjs'
import { failureMessage, listProviders, ROOT, repoPath, SPECS_DIR, sha256, UserError } from './lib/specs.mjs'
import { buildPackage, formatAs, run } from './lib/tools.mjs'
import { vendorFileBytes } from './lib/vendor-file.mjs'
import { writeFiles } from './lib/write-files.mjs'

const USAGE = `usage: pnpm new-provider <name> --spec <file|url> [--operations <id,id,...>] [--apply-drafts] [--no-build]

Adds a provider from its OpenAPI 3.x document:
  specs/<name>/      openapi.yaml (the document), source.json (its record), overlay.yaml (empty,
                     or drafted fixes: vendor examples that break their own schema, unused
                     components; the rest of what the spec lint finds is printed)
  packages/<name>/   package.json, README.md, tsconfig.json, vitest.config.ts,
                     src/index.ts (create<Name>Client; auth from the spec's security schemes:
                     an API key in a header, HTTP basic or HTTP bearer),
                     test/unit/ (the factory) and test/contract/ (every operation of the spec
                     against its mock: a valid request, then each documented error status)
  test/packaging/consumers/<name>/
                     its consumer fixture (the first operation, sent from the packed tarball)
  .size-limit.mjs    its size budget (the largest provider's, to tighten), and its row in
                     the README's size table
  .changeset/        a changeset for the new package
then runs pnpm install, generates src/generated/ and builds the package. Nothing is written
if the document or its auth cannot be handled. What stops the code generation (a duplicate
operationId, a discriminator whose mapping misses a schema that sets it) is reported by JSON
pointer, with the overlay action that fixes it when the fix is mechanical.

  --spec <file|url>          the vendor's OpenAPI document
  --operations <id,id,...>   ship only these operations (default: all of them)
  --apply-drafts             write the drafted actions for what stops the code generation into
                             overlay.yaml (each with its description), instead of stopping
  --no-build                 stop after installing and generating
  -h, --help                 show this help
`

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      operations: { type: 'string' },
      'apply-drafts': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return void process.stdout.write(USAGE)
  if (positionals.length !== 1 || !values.spec) {
    process.stderr.write(USAGE)
    process.exitCode = 2
    return
  }
  const started = performance.now()
  const [name] = positionals
  if (!PROVIDER_NAME.test(name)) {
    throw new UserError(`"${name}" is not a provider name: lower-case letters and digits, words joined by "-"`)
  }
  const specDir = join(SPECS_DIR, name)
  const packageDir = join(ROOT, 'packages', name)
  for (const dir of [specDir, packageDir]) {
    if (existsSync(dir)) throw new UserError(`${repoPath(dir)}/ already exists`)
  }

  const input = await readSpecInput(values.spec, { cwd: process.env.INIT_CWD ?? process.cwd() })
  const published = await parseOpenApi(input)
  const all = listOperations(published)
  const unnamed = all.filter((operation) => !operation.operationId)
  const operations = values.operations
    ? values.operations
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : [...new Set(all.map((operation) => operation.operationId))]
  if (!values.operations && unnamed.length > 0) {
    const shown = unnamed
      .slice(0, 3)
      .map((op) => `${op.method.toUpperCase()} ${op.path}`)
      .join(', ')
    throw new UserError(
      `${input.from}: ${unnamed.length} operation(s) have no operationId (${shown}); name the ones to ship with --operations`,
    )
  }
  if (operations.length === 0) throw new UserError(`${input.from} has no operations to ship`)
  const kept = await keepOperations(published, operations, input.from)
  const credentials = deriveAuth(kept.spec)

  const vendorBytes = vendorFileBytes(input, kept)
  const packageName = `@textbridge/${name}`
  const record = {
    provider: name,
    title: published.info.title,
    origin: 'upstream',
    upstream: isUrl(input.from) ? input.from : null,
    docs: published.externalDocs?.url ? [published.externalDocs.url] : [],
    notes: recordNotes(input, kept),
    retrieved: today(),
    file: 'openapi.yaml',
    sha256: sha256(vendorBytes),
    operations,
    overlay: 'overlay.yaml',
    package: packageName,
    packageDir: `packages/${name}`,
  }
  const pending = {
    source: { ...record, dir: specDir, recordFile: join(specDir, 'source.json') },
    vendorBytes,
    overlayBytes: Buffer.from(renderOverlay(published.info.title, [])),
  }
  // Actions for what stops the code generation (--apply-drafts), then for what the spec lint
  // would fail on that needs no person (always drafted into the new overlay).
  const codegenFixes = []
  const generate = async (lintFixes = []) => {
    pending.overlayBytes = Buffer.from(renderOverlay(published.info.title, [...codegenFixes, ...lintFixes]))
    for (;;) {
      try {
        return await generateFiles(name, pending)
      } catch (error) {
        if (!(error instanceof SpecProblems)) throw error
        const drafted = error.problems.map((problem) => problem.action).filter(Boolean)
        // Each round fixes what the one before found; a draft that fixes nothing would loop.
        const fresh = drafted.filter((action) => !codegenFixes.some((done) => sameAction(done, action)))
        if (!values['apply-drafts'] || fresh.length === 0 || drafted.length < error.problems.length) {
          throw withDrafts(error, drafted, `specs/${name}/overlay.yaml`, values['apply-drafts'])
        }
        codegenFixes.push(...fresh)
        pending.overlayBytes = Buffer.from(renderOverlay(published.info.title, [...codegenFixes, ...lintFixes]))
      }
    }
  }
  let generated = await generate()
  const finalOf = (files) => JSON.parse(files.find((file) => file.path.endsWith('openapi.json')).content)
  // What the spec lint would fail on: the fixes that need no person become overlay actions.
  const firstFinal = finalOf(generated)
  const { actions: lintFixes, left } = draftFixes(firstFinal, lintSpec(firstFinal))
  if (lintFixes.length > 0) generated = await generate(lintFixes)
  const fixes = [...codegenFixes, ...lintFixes]
  const overlay = pending.overlayBytes
  const finalSpec = finalOf(generated)
  const remaining = fixes.length > 0 ? lintSpec(finalSpec) : left
  const { loadSpecValidator } = await loadMockServer()
  const sample = sampleFirstOperation(finalSpec, loadSpecValidator({ spec: finalSpec }))
  const specOrigin = record.upstream ? `[its OpenAPI spec](${record.upstream})` : 'its OpenAPI spec'
  const formatted = (dir) => (file) => {
    const path = join(dir, file.path)
    return { path, content: /\.(json|ts|md)$/.test(path) ? formatAs(repoPath(path), file.content) : file.content }
  }
  const scaffoldInput = { name, spec: kept.spec, credentials, specOrigin, sample }
  const scaffold = packageFiles(scaffoldInput).map(formatted(packageDir))
  const consumer = consumerFiles(scaffoldInput).map(formatted(join(ROOT, 'test', 'packaging', 'consumers', name)))
  const sizes = await sizeBudgetFiles(packageName)
  const changeset = changesetPath(`${name}-new-package`)
  const lockfile = join(ROOT, 'pnpm-lock.yaml')

  const { rollback } = writeFiles([
    { path: join(specDir, 'openapi.yaml'), content: vendorBytes },
    {
      path: join(specDir, 'source.json'),
      content: formatAs(`specs/${name}/source.json`, `${JSON.stringify(record, null, 2)}\n`),
    },
    { path: join(specDir, 'overlay.yaml'), content: overlay },
    ...scaffold,
    ...consumer,
    ...sizes,
    ...generated,
    { path: changeset, content: renderChangeset(packageName, 'minor', changesetBody(record, operations, credentials)) },
    // Listed so that a failed install puts the lockfile back as well.
    { path: lockfile, content: readFileSync(lockfile) },
  ])
  process.stdout.write(
    `${name}: ${listOperations(kept.spec).length} operation(s), ${credentials.length > 0 ? credentials.map((c) => `${c.kind} (${c.scheme})`).join(' + ') : 'no auth'}\n` +
      `  wrote specs/${name}/, packages/${name}/, ${repoPath(changeset)}\n` +
      (codegenFixes.length > 0
        ? `  specs/${name}/overlay.yaml: ${codegenFixes.length} drafted action(s) for what stopped the code ` +
          'generation (--apply-drafts); review them\n'
        : '') +
      (lintFixes.length > 0
        ? `  specs/${name}/overlay.yaml: ${lintFixes.length} drafted action(s) for what the spec lint found ` +
          '(vendor examples that break their own schema, components the cut left unused); review them\n'
        : ''),
  )
  if (remaining.length > 0) {
    process.stderr.write(
      `warning: \`pnpm lint:specs\` (so CI) will fail on ${remaining.length} problem(s) of the vendor's spec ` +
        `until actions in specs/${name}/overlay.yaml fix them:\n${describeProblems(remaining)}\n`,
    )
  }
  // The lockfile first, then the install from it: pnpm links a new workspace package at the root
  // (publicHoistPattern, pnpm-workspace.yaml), where its mock resolves by name, only on an install
  // from a lockfile that has it. One install that writes the lockfile would leave that link out.
  const installed =
    run('pnpm', ['install', '--resolution-only', '--no-frozen-lockfile', '--prefer-offline']) === 0 &&
    run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']) === 0
  if (!installed) {
    rmSync(join(packageDir, 'node_modules'), { recursive: true, force: true })
    rollback()
    throw new UserError('pnpm install failed (output above), so every file was taken back out')
  }
  if (!values['no-build']) {
    if (buildPackage(packageName) !== 0) {
      throw new UserError(
        `the build of ${packageName} failed (output above); the files stay for you to look at: ` +
          `fix the spec with actions in specs/${name}/overlay.yaml, then \`pnpm build\``,
      )
    }
    process.stdout.write(`built ${packageName}\n`)
  }
  process.stdout.write(
    `${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
      `next: \`pnpm exec vitest run --project ${name}\`, review packages/${name}/README.md and src/index.ts, ` +
      `then commit specs/${name}, packages/${name}, pnpm-lock.yaml and ${repoPath(changeset)}\n`,
  )
}

const BUDGET_MARKER = "  // pnpm new-provider adds a new provider's budgets above this line.\n"

/**
 * The new package's size budget (.size-limit.mjs) and its row in the README's size table: the
 * largest budget of the providers already there, to tighten once `pnpm size` has measured it.
 */
async function sizeBudgetFiles(packageName) {
  const configPath = join(ROOT, '.size-limit.mjs')
  const config = readFileSync(configPath, 'utf8')
  if (!config.includes(BUDGET_MARKER))
    throw new UserError(`.size-limit.mjs has lost its line "${BUDGET_MARKER.trim()}"`)
  // The budgets as the size check reads them, of the providers that have both kinds.
  const { BUDGETS } = await import(pathToFileURL(configPath).href)
  const providers = listProviders()
    .map((provider) => BUDGETS[`@textbridge/${provider}`]?.['.'])
    .filter((budget) => budget?.withDependencies && budget.ownCode)
  const largest = (kind) => `${Math.max(...providers.map((budget) => Number.parseFloat(budget[kind])))} kB`
  const budget =
    providers.length > 0
      ? { withDependencies: largest('withDependencies'), ownCode: largest('ownCode') }
      : { withDependencies: '4 kB', ownCode: '2 kB' }
  const entry = `  '${packageName}': { '.': { withDependencies: '${budget.withDependencies}', ownCode: '${budget.ownCode}' } },\n`
  const readmePath = join(ROOT, 'README.md')
  const readme = readFileSync(readmePath, 'utf8').split('\n')
  // The size table is the first block of rows that name our scoped packages.
  const first = readme.findIndex((line) => line.startsWith('| `@textbridge/'))
  if (first < 0) throw new UserError('README.md has no size table (rows starting with | `@textbridge/)')
  let last = first
  while (readme[last + 1]?.startsWith('| `@textbridge/')) last += 1
  readme.splice(last + 1, 0, `| \`${packageName}\` | ${budget.withDependencies} | ${budget.ownCode} |`)
  return [
    { path: configPath, content: config.replace(BUDGET_MARKER, `${entry}${BUDGET_MARKER}`) },
    { path: readmePath, content: formatAs('README.md', readme.join('\n')) },
  ]
}

/**
 * Today's date as the record stores it (YYYY-MM-DD). TEXTBRIDGE_TODAY sets it instead: the
 * scripts' tests fix it, so that what they generate is the same bytes from day to day and the
 * builds of their repository copies stay turbo cache hits.
 */
function today() {
  const fixed = process.env.TEXTBRIDGE_TODAY
  if (fixed === undefined) return new Date().toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed)) throw new UserError(`TEXTBRIDGE_TODAY="${fixed}" is not a date (YYYY-MM-DD)`)
  return fixed
}

function sameAction(a, b) {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The problems that stop the code generation, with their drafted actions to review or apply. */
function withDrafts(error, drafted, overlayPath, applying) {
  if (drafted.length === 0) return error
  const how = applying
    ? 'they do not fix everything, so nothing was written'
    : `run again with --apply-drafts to write them into ${overlayPath}, or add them yourself`
  return new UserError(`${error.message}\ndrafted overlay actions (${how}):\n${renderDrafts(drafted)}`)
}

function recordNotes(input, kept) {
  const from = isUrl(input.from) ? `from ${input.from}` : "from a copy of the vendor's document"
  const cut =
    kept.dropped + kept.webhooks > 0
      ? `, cut down to the operations listed below (${kept.total - kept.dropped} of ${kept.total}) and written as YAML`
      : ''
  const upstream = isUrl(input.from)
    ? ''
    : ' Set "upstream" to its URL so that `pnpm specs:update` can fetch new versions.'
  return `Added by \`pnpm new-provider\` ${from}${cut}.${upstream}`
}

function changesetBody(record, operations, credentials) {
  const Name = pascalCase(record.provider)
  const auth = credentials.length > 0 ? ` (${credentials.map((c) => c.kind).join(' + ')} auth)` : ''
  return [
    `New package: a typed client for the ${apiName({ info: { title: record.title } }, record.provider)} API, \`create${Name}Client\`${auth}, generated from its OpenAPI spec.`,
    `Operations: ${operations.map((id) => `\`${id}\``).join(', ')}.`,
  ].join('\n\n')
}

main().catch((error) => {
  process.stderr.write(`new-provider: ${failureMessage(error)}\n`)
  process.exitCode = 1
})
