#!/usr/bin/env node
// pnpm specs:update <provider> — takes in a new version of a vendor's document in one step:
// fetch, cut down to the shipped operations, store, refresh the record, reapply the overlay,
// regenerate, write a changeset from the API diff, rebuild. Everything up to the writing is
// done in memory, so any failure before it leaves the repository exactly as it was.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { changesetPath, renderChangeset } from './lib/changesets.mjs'
import { generateFiles } from './lib/codegen.mjs'
import { SpecProblems } from './lib/codegen-fixes.mjs'
import { describeProblems, draftFixes, lintSpec } from './lib/example-fixes.mjs'
import { keepOperations, listOperations, renamedOperations } from './lib/operations.mjs'
import { appendActions, renderDrafts } from './lib/overlay-drafts.mjs'
import { compareSpecs } from './lib/spec-diff.mjs'
import { isUrl, parseOpenApi, readSpecInput } from './lib/spec-input.mjs'
import { failureMessage, parseDocument, readSource, repoPath, sha256, UserError } from './lib/specs.mjs'
import { buildPackage, formatAs } from './lib/tools.mjs'
import { vendorFileBytes } from './lib/vendor-file.mjs'
import { webhookDocuments } from './lib/webhook-documents.mjs'
import { writeFiles } from './lib/write-files.mjs'

const USAGE = `usage: pnpm specs:update <provider> [--from <file|url>] [--document <file>=<file|url>]... [--add <operationId>]... [--all] [--apply-drafts] [--no-build]

Takes in a new version of a provider's OpenAPI document:
  1. fetches it from the upstream URL in specs/<provider>/source.json (or reads --from);
     an HTML page, a network failure or a document that is not valid OpenAPI 3.x stops here
  2. keeps only the operations the record lists (and the components they use)
  3. stores it as specs/<provider>/openapi.yaml and refreshes the record's sha256 and date;
     each other document the record takes webhooks from ("webhookDocuments") is fetched from
     its own upstream URL, cut down to those webhooks and stored the same way
  4. reapplies the overlay (an action that matches nothing stops here, naming the action)
     and regenerates packages/<provider>/src/generated/
  5. compares the old and new final specs (api-smart-diff) and writes a changeset:
     breaking → major, additive → minor, documentation only → patch
  6. rebuilds the package (turbo)
Nothing is written before step 5; a failed build puts every file back as it was.

  --from <file|url>     the new document, instead of the record's upstream URL (a spec of
                        our own, such as TextUs's, is updated from its own file this way)
  --document <file>=<file|url>
                        the new version of the webhook document the record stores as <file>
                        (one of its "webhookDocuments"), instead of that document's upstream URL
  --add <operationId>   ship one more operation of the document (repeatable); it is added
                        to the record's operations
  --all                 ship every operation of the document (the record lists them all)
  --apply-drafts        write the overlay actions drafted for what stops the code generation
                        (a duplicate operationId, a discriminator mapping that misses a
                        schema) and for what the spec lint finds (examples that break their
                        own schema, unused components) into the overlay, each with its
                        description; without it they are printed, and the first kind stops
                        the update
  --no-build            stop after writing (no build), e.g. to look at the generated code
  -h, --help            show this help
`

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      document: { type: 'string', multiple: true, default: [] },
      add: { type: 'string', multiple: true, default: [] },
      all: { type: 'boolean', default: false },
      'apply-drafts': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return void process.stdout.write(USAGE)
  if (positionals.length !== 1) {
    process.stderr.write(USAGE)
    process.exitCode = 2
    return
  }
  const [provider] = positionals
  const source = readSource(provider)
  const documentFrom = documentLocations(source, values.document)
  const location = values.from ?? source.upstream
  if (!location) {
    throw new UserError(
      source.origin === 'upstream'
        ? `${provider} has no upstream URL: set "upstream" in ${repoPath(source.recordFile)} to the document's URL, ` +
            'or pass the new document with --from <file|url>'
        : `${provider} has no upstream URL (its spec is ${source.origin}): pass the new document with --from <file>, ` +
            `e.g. --from ${repoPath(join(source.dir, source.file))} after editing it`,
    )
  }

  const input = await readSpecInput(location, { cwd: process.env.INIT_CWD ?? process.cwd() })
  const published = await parseOpenApi(input)
  const everything = values.all ? listOperations(published).map((operation) => operation.operationId) : []
  if (everything.some((id) => !id)) {
    throw new UserError(
      `${input.from}: --all needs an operationId on every operation; name the ones to ship with --add`,
    )
  }
  const listed = [...new Set([...(source.operations ?? []), ...values.add, ...everything])]
  // An operation the vendor renamed (same method and path, a new operationId) is followed.
  const stored = parseDocument(readFileSync(join(source.dir, source.file), 'utf8'), source.file)
  const renames = renamedOperations(stored, published, listed)
  const operations = listed.map((id) => renames.find((rename) => rename.from === id)?.to ?? id)
  const kept = await keepOperations(published, operations, input.from, source.webhooks ?? [])
  const vendorBytes = vendorFileBytes(input, kept)
  const vendorPath = join(source.dir, source.file)
  const newSha = sha256(vendorBytes)
  const documents = await refreshDocuments(source, documentFrom)
  const documentsChanged = documents.some((document) => document.sha256 !== document.record.sha256)
  if (newSha === source.sha256 && operations.length === (source.operations ?? []).length && !documentsChanged) {
    process.stdout.write(
      `${repoPath(vendorPath)} already holds this document (sha256 ${short(newSha)}); nothing to do\n`,
    )
    return
  }

  const record = updatedRecord(source, { operations, sha256: newSha, input, kept, documents })
  const overlayPath = source.overlay ? join(source.dir, source.overlay) : null
  const overlayText = overlayPath && existsSync(overlayPath) ? readFileSync(overlayPath, 'utf8') : null
  const pending = {
    source: { ...source, ...record },
    vendorBytes,
    documentBytes: Object.fromEntries(documents.map((document) => [document.record.file, document.bytes])),
  }
  const drafted = [] // actions --apply-drafts adds to the overlay
  const generate = async () => {
    for (;;) {
      if (drafted.length > 0) {
        pending.overlayBytes = Buffer.from(appendActions(overlayText, drafted, repoPath(overlayPath)))
      }
      try {
        return await generateFiles(provider, pending)
      } catch (error) {
        if (!(error instanceof SpecProblems)) throw error
        const actions = error.problems.map((problem) => problem.action).filter(Boolean)
        const fresh = actions.filter(
          (action) => !drafted.some((done) => JSON.stringify(done) === JSON.stringify(action)),
        )
        const applicable = values['apply-drafts'] && overlayText !== null
        if (!applicable || fresh.length === 0 || actions.length < error.problems.length) {
          const how = !overlayPath
            ? `the record names no overlay: add "overlay" to ${repoPath(source.recordFile)} and create it`
            : applicable
              ? 'they do not fix everything, so nothing was written'
              : `run again with --apply-drafts to write them into ${repoPath(overlayPath)}, or add them yourself`
          throw actions.length > 0
            ? new UserError(`${error.message}\ndrafted overlay actions (${how}):\n${renderDrafts(actions)}`)
            : error
        }
        drafted.push(...fresh)
      }
    }
  }
  let generated = await generate()
  if (values['apply-drafts'] && overlayText !== null) {
    // What the spec lint (so CI) would fail on that needs no person goes in as well.
    const { actions } = draftFixes(JSON.parse(generated[0].content), lintSpec(JSON.parse(generated[0].content)))
    if (actions.length > 0) {
      drafted.push(...actions)
      generated = await generate()
    }
  }
  const before = shippedSpec(generated[0].path)
  const after = withoutMarker(JSON.parse(generated[0].content))
  const diff = compareSpecs(before, after)
  const changeset = changesetPath(`${provider}-spec-${record.retrieved}`)
  // A renamed operationId renames a key of the generated `operations` type: breaking for code
  // that names it, so at least a major change.
  const bump = renames.length > 0 ? 'major' : diff.bump
  const body = changesetBody({ source, record, input, vendorPath, diff: { ...diff, bump }, renames, documents })

  const { rollback } = writeFiles([
    { path: vendorPath, content: vendorBytes },
    ...documents.map((document) => ({ path: document.path, content: document.bytes })),
    ...(drafted.length > 0 ? [{ path: overlayPath, content: pending.overlayBytes }] : []),
    { path: source.recordFile, content: formatAs(repoPath(source.recordFile), `${JSON.stringify(record, null, 2)}\n`) },
    ...generated,
    { path: changeset, content: renderChangeset(source.package, bump, body) },
  ])
  const report = [
    `${provider}: ${describeKept(kept)} from ${input.from}`,
    `  ${repoPath(vendorPath)}  sha256 ${short(source.sha256)} → ${short(newSha)}`,
    ...documents.map(
      (document) =>
        `  ${repoPath(document.path)}  sha256 ${document.record.sha256 ? short(document.record.sha256) : '(new)'} → ${short(document.sha256)} ` +
        `(webhooks ${document.record.webhooks.join(', ')} from ${document.from})`,
    ),
    `  ${repoPath(source.recordFile)}  retrieved ${record.retrieved}`,
    ...(drafted.length > 0
      ? [`  ${repoPath(overlayPath)}  ${drafted.length} drafted action(s) added (--apply-drafts); review them`]
      : []),
    `  ${repoPath(join(source.packageDir, 'src', 'generated'))}/  regenerated`,
    ...renames.map(
      (r) => `  operation ${r.from} is now ${r.to} (${r.method.toUpperCase()} ${r.path}): followed, a breaking change`,
    ),
    `  ${repoPath(changeset)}  ${bump}: ${describeCounts(diff)}`,
  ]
  process.stdout.write(`${report.join('\n')}\n`)
  // What the spec lint (so CI) would say of the new final spec, with the fixes it can draft.
  // A fresh copy: the spec diff above may have rewritten the documents it compared.
  const final = JSON.parse(generated[0].content)
  const problems = lintSpec(final)
  if (problems.length > 0) {
    const { actions } = draftFixes(final, problems)
    process.stderr.write(
      `warning: \`pnpm lint:specs\` (so CI) will fail on ${problems.length} problem(s) of the new document ` +
        `until actions in ${repoPath(join(source.dir, source.overlay ?? 'overlay.yaml'))} fix them:\n${describeProblems(problems)}\n` +
        (actions.length > 0
          ? `drafted actions for some of them (vendor examples that break their own schema, unused components); ` +
            `review them, then add them to the overlay (or run again with --apply-drafts):\n${renderDrafts(actions)}`
          : ''),
    )
  }

  if (!values['no-build']) {
    // While these listen, Ctrl-C does not kill this process in the middle of the build: the
    // build stops with an error, and the files are put back below.
    const restoreOnSignal = () => {
      rollback()
      process.exit(130)
    }
    process.once('SIGINT', restoreOnSignal)
    process.once('SIGTERM', restoreOnSignal)
    const status = buildPackage(source.package)
    process.off('SIGINT', restoreOnSignal)
    process.off('SIGTERM', restoreOnSignal)
    if (status !== 0) {
      rollback()
      throw new UserError(
        `the build of ${source.package} failed (output above), so every file was put back as it was; ` +
          'run again with --no-build to look at the generated code, and fix the spec with an overlay action',
      )
    }
    process.stdout.write(`built ${source.package}\n`)
  }
  process.stdout.write(
    `next: review \`git diff\` and ${repoPath(changeset)}, run \`pnpm typecheck && pnpm test\`, then commit\n`,
  )
}

/** The source record as it will be written: same fields, same order, new values. */
function updatedRecord(source, { operations, sha256: newSha, input, kept, documents }) {
  const { dir: _dir, recordFile: _recordFile, ...record } = source
  record.retrieved = today()
  record.sha256 = newSha
  record.operations = operations
  if (documents.length > 0) {
    record.webhookDocuments = documents.map((document) =>
      document.fetched ? { ...document.record, retrieved: record.retrieved, sha256: document.sha256 } : document.record,
    )
  }
  if (kept.dropped + kept.webhooks > 0) {
    record.notes =
      `The vendor's document${isUrl(input.from) ? ` (${input.from})` : ''}, cut down to the operations listed ` +
      `below, ${operations.length} of its ${kept.total}, with the components they use, written as YAML; ` +
      'text otherwise as published.'
  }
  return record
}

/**
 * The record's other documents as they will be stored: each fetched from its upstream URL and
 * cut down to the webhooks it names (one without an upstream URL stays as stored). Returns
 * `[{ record, path, bytes, sha256, from, fetched }]`.
 */
async function refreshDocuments(source, locations) {
  const refreshed = []
  for (const document of webhookDocuments(source, repoPath(source.recordFile))) {
    const path = join(source.dir, document.file)
    const location = locations.get(document.file) ?? document.upstream
    if (!location) {
      if (!existsSync(path)) {
        throw new UserError(
          `${repoPath(path)} is not stored yet and its record has no upstream URL: pass it with --document ${document.file}=<file|url>`,
        )
      }
      const bytes = readFileSync(path)
      refreshed.push({ record: document, path, bytes, sha256: sha256(bytes), from: repoPath(path), fetched: false })
      continue
    }
    const input = await readSpecInput(location, { cwd: process.env.INIT_CWD ?? process.cwd() })
    const published = await parseOpenApi(input)
    const kept = await keepOperations(published, [], input.from, document.webhooks)
    const bytes = vendorFileBytes(input, kept)
    refreshed.push({ record: document, path, bytes, sha256: sha256(bytes), from: input.from, fetched: true })
  }
  return refreshed
}

/** `--document <file>=<file|url>` options, by the stored file they replace. */
function documentLocations(source, options) {
  const known = webhookDocuments(source, repoPath(source.recordFile)).map((document) => document.file)
  const locations = new Map()
  for (const option of options) {
    const at = option.indexOf('=')
    const file = option.slice(0, Math.max(at, 0))
    if (at <= 0 || at === option.length - 1 || !known.includes(file)) {
      throw new UserError(
        `--document ${option}: expected <file>=<file|url>, <file> one of the record's webhook documents ` +
          `(${known.join(', ') || 'it has none'})`,
      )
    }
    locations.set(file, option.slice(at + 1))
  }
  return locations
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

/** What the package ships now (its committed final spec), or an empty API if it has none. */
function shippedSpec(path) {
  try {
    return withoutMarker(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return { openapi: '3.1.0', info: { title: '', version: '' }, paths: {} }
  }
}

function withoutMarker(spec) {
  const { 'x-textbridge-generated': _marker, ...rest } = spec
  return rest
}

function changesetBody({ source, record, input, vendorPath, diff, renames, documents }) {
  const spec = source.origin === 'upstream' ? `the latest ${source.title} spec` : `our ${source.title} spec`
  const sentence = {
    major: `Updated to ${spec}, which has breaking changes: check the list below before upgrading.`,
    minor: `Updated to ${spec}, which changes the API without breaking it; the changes are listed below.`,
    patch:
      diff.total > 0
        ? `Updated to ${spec}; only its documentation changed.`
        : `Updated to ${spec}, with no change to the API.`,
  }[diff.bump]
  const from = isUrl(input.from) ? ` from ${input.from}` : ''
  const provenance = [
    `Spec: \`${repoPath(vendorPath)}\`${from}, retrieved ${record.retrieved} (sha256 ${short(source.sha256)} → ${short(record.sha256)}).`,
    ...documents
      .filter((document) => document.sha256 !== document.record.sha256)
      .map(
        (document) =>
          `Webhooks ${document.record.webhooks.map((name) => `\`${name}\``).join(', ')}: \`${repoPath(document.path)}\`` +
          `${isUrl(document.from) ? ` from ${document.from}` : ''} (sha256 ${document.record.sha256 ? short(document.record.sha256) : 'new'} → ${short(document.sha256)}).`,
      ),
  ].join('\n')
  const renamed =
    renames.length > 0
      ? `Renamed operations (the \`operations\` type is keyed by operationId): ${renames
          .map((r) => `\`${r.from}\` is now \`${r.to}\` (${r.method.toUpperCase()} ${r.path})`)
          .join('; ')}.`
      : ''
  return [sentence, provenance, renamed, diff.summary].filter(Boolean).join('\n\n')
}

function describeKept(kept) {
  const keptWebhooks = kept.keptWebhooks ?? 0
  const webhooks =
    kept.webhooks === 0
      ? ''
      : ` (and ${keptWebhooks === 0 ? 'none' : keptWebhooks} of its ${keptWebhooks + kept.webhooks} webhooks)`
  return kept.dropped + kept.webhooks > 0
    ? `kept ${kept.total - kept.dropped} of ${kept.total} operations${webhooks}`
    : 'the whole document'
}

function describeCounts(diff) {
  const parts = Object.entries(diff.counts)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${type}`)
  return parts.length > 0 ? `${parts.join(', ')} change${diff.total === 1 ? '' : 's'}` : 'no change to the API'
}

function short(hash) {
  return String(hash).slice(0, 12)
}

main().catch((error) => {
  const unchanged = error instanceof UserError && !/put back/.test(error.message) ? ' (nothing was changed)' : ''
  process.stderr.write(`specs:update: ${failureMessage(error)}${unchanged}\n`)
  process.exitCode = 1
})
