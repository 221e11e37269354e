// Where specs live and how a provider's final spec is made: vendor file + overlay.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load as loadYaml } from 'js-yaml'
import openapiFormat from 'openapi-format'
import { parse as parseYaml } from 'yaml'
import { mergeWebhooks, webhookDocuments } from './webhook-documents.mjs'

export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
export const SPECS_DIR = join(ROOT, 'specs')

/** A failure the user can act on: printed without a stack trace. */
export class UserError extends Error {
  name = 'UserError'
}

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex')
}

/** Path relative to the repository root, with forward slashes, for messages and headers. */
export function repoPath(path) {
  return relative(ROOT, path).split('\\').join('/')
}

/** Providers are the folders of specs/ that hold a source.json. */
export function listProviders() {
  if (!existsSync(SPECS_DIR)) return []
  return readdirSync(SPECS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SPECS_DIR, entry.name, 'source.json')))
    .map((entry) => entry.name)
    .sort()
}

const REQUIRED_SOURCE_FIELDS = ['provider', 'origin', 'retrieved', 'file', 'sha256', 'package', 'packageDir']

/** Reads and checks specs/<provider>/source.json. */
export function readSource(provider) {
  const dir = join(SPECS_DIR, provider)
  const file = join(dir, 'source.json')
  if (!existsSync(file)) {
    const known = listProviders()
    throw new UserError(`unknown provider "${provider}": no ${repoPath(file)} (known: ${known.join(', ') || 'none'})`)
  }
  let record
  try {
    record = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UserError(`${repoPath(file)} is not valid JSON: ${error.message}`)
  }
  const missing = REQUIRED_SOURCE_FIELDS.filter((field) => record[field] === undefined)
  if (missing.length > 0) throw new UserError(`${repoPath(file)} lacks ${missing.join(', ')}`)
  if (record.provider !== provider) {
    throw new UserError(`${repoPath(file)} names provider "${record.provider}" but lives in specs/${provider}/`)
  }
  return { ...record, dir, recordFile: file }
}

/**
 * What js-yaml reads otherwise than the `yaml` package (YAML 1.2, core schema) does: a %YAML
 * directive (js-yaml reads 1.1's `yes` as a string), an explicit tag (`!!float 1`), a null or
 * empty key (`~:` is the key "null" to js-yaml, "" to the `yaml` package), and a number too
 * large for a double (Infinity, or a string to js-yaml). A match only sends the document to the
 * `yaml` package; the patterns are loose on purpose (a `!` after a space in a plain scalar
 * matches too).
 */
const READ_BY_THE_YAML_PACKAGE = [
  /^%/m,
  /(?:^|[\s[\]{},])![!<\w]/m,
  /(?:^[ \t]*(?:- )*|[{,][ \t]*)(?:~|null|Null|NULL)?[ \t]*:(?:[ \t]|$)/m,
  /(?:^|[\s[{,:])[-+]?[\d.]*\d[eE][-+]?\d{3,}(?=[\s,\]}]|$)/m,
]

/**
 * Parses a YAML or JSON document. YAML is a superset, but JSON.parse reports errors better
 * and is much faster on a large vendor document, so text that looks like JSON is read as JSON.
 * YAML is read by js-yaml under YAML 1.2's core schema, several times faster than the `yaml`
 * package on a vendor document, to the same values (scripts/test/yaml-readers.test.mjs holds
 * them together on every document of specs/, and on what the two read differently). A
 * document with aliases, with what js-yaml reads otherwise (READ_BY_THE_YAML_PACKAGE), or one
 * js-yaml refuses, is read by the `yaml` package, which limits how far aliases expand (a
 * document that grows into gigabytes is an attack, not a spec) and whose message names what
 * is wrong.
 */
export function parseDocument(text, name) {
  const json = name.endsWith('.json') || /^\s*\{/.test(text)
  if (!json && !READ_BY_THE_YAML_PACKAGE.some((pattern) => pattern.test(text))) {
    try {
      return loadYaml(text, { maxAliases: 0, maxDepth: 1000 })
    } catch {
      // Read again below, for the values of a document with aliases or for the message.
    }
  }
  try {
    return json ? JSON.parse(text) : parseYaml(text, { version: '1.2', maxAliasCount: 1000 })
  } catch (error) {
    throw new UserError(
      `${name} does not parse as ${json ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0].replace(/:\s*$/, '')}`,
    )
  }
}

/**
 * Applies an OpenAPI Overlay with openapi-format. Every action must change something:
 * one that matches nothing means the vendor spec moved and the fix is stale or wrong.
 */
export async function applyOverlay(spec, overlay, overlayName) {
  if (!overlay || !Array.isArray(overlay.actions)) {
    throw new UserError(`${overlayName} is not an OpenAPI Overlay document (no "actions" list)`)
  }
  const problems = []
  overlay.actions.forEach((action, index) => {
    if (typeof action?.description !== 'string' || action.description.trim() === '') {
      problems.push(`action #${index + 1} (${action?.target}) has no description: say what it fixes and why`)
    }
  })
  if (problems.length > 0) throw new UserError(`${overlayName}: ${problems.join('; ')}`)
  // openapi-format reports malformed actions on console.error and goes on; collect them instead.
  const logged = []
  const consoleError = console.error
  console.error = (...args) => logged.push(args.join(' '))
  let result
  try {
    result = await openapiFormat.openapiOverlay(structuredClone(spec), { overlaySet: overlay })
  } finally {
    console.error = consoleError
  }
  if (logged.length > 0) throw new UserError(`${overlayName}: ${logged.join('; ')}`)
  const unused = result.resultData.unusedActions
  if (unused.length > 0) {
    const names = unused.map(
      (action) =>
        `action #${overlay.actions.indexOf(action) + 1} "${firstLine(action.description)}" (target ${action.target})`,
    )
    throw new UserError(
      `${overlayName}: ${names.join('; ')} matched nothing in the vendor spec; the fix is stale or its target is wrong`,
    )
  }
  return result.data
}

function firstLine(text) {
  return String(text).trim().split('\n')[0]
}

/**
 * Builds a provider's final spec: the vendor file as stored (checked against the sha256 in
 * its source record), with the webhooks it takes from the record's other documents
 * (`webhookDocuments`, each checked the same way) and then the overlay applied, when there are
 * some. `pending` replaces the record and the vendor files' bytes with ones not written yet, so
 * an update can be built and checked in full before it touches the repository (`overlayBytes`
 * too, for a new one; `documentBytes`, by file name, for the other documents).
 */
export async function buildFinalSpec(provider, pending = {}) {
  const source = pending.source ?? readSource(provider)
  const vendorFile = join(source.dir, source.file)
  if (!pending.vendorBytes && !existsSync(vendorFile))
    throw new UserError(`${repoPath(vendorFile)} is missing (named by ${repoPath(source.recordFile)})`)
  const vendorBytes = pending.vendorBytes ?? readFileSync(vendorFile)
  const vendorSha = sha256(vendorBytes)
  if (vendorSha !== source.sha256) {
    throw new UserError(
      `${repoPath(vendorFile)} has sha256 ${vendorSha} but ${repoPath(source.recordFile)} records ${source.sha256}: ` +
        'vendor files are kept as published; put fixes in the overlay, or take in a new document with ' +
        `\`pnpm specs:update ${provider}\` (for a spec of our own: \`--from ${repoPath(vendorFile)}\`).`,
    )
  }
  let spec = parseDocument(vendorBytes.toString('utf8'), repoPath(vendorFile))
  const documents = []
  for (const document of webhookDocuments(source, repoPath(source.recordFile))) {
    const file = join(source.dir, document.file)
    const pendingBytes = pending.documentBytes?.[document.file]
    if (!pendingBytes && (!existsSync(file) || document.sha256 === undefined))
      throw new UserError(
        `${repoPath(file)} is not taken in (named by ${repoPath(source.recordFile)}): run \`pnpm specs:update ${provider}\``,
      )
    const bytes = pendingBytes ?? readFileSync(file)
    const documentSha = sha256(bytes)
    if (documentSha !== document.sha256) {
      throw new UserError(
        `${repoPath(file)} has sha256 ${documentSha} but ${repoPath(source.recordFile)} records ${document.sha256}: ` +
          'vendor files are kept as published; put fixes in the overlay, or take in a new document with ' +
          `\`pnpm specs:update ${provider}\`.`,
      )
    }
    const other = parseDocument(bytes.toString('utf8'), repoPath(file))
    spec = mergeWebhooks(spec, other, document.webhooks, {
      from: repoPath(file),
      prefix: document.prefix ?? `${document.file.replace(/\..*$/, '')}.`,
    })
    documents.push({ path: repoPath(file), sha256: documentSha })
  }
  let overlaySha = null
  let overlayPath = null
  if (source.overlay) {
    const overlayFile = join(source.dir, source.overlay)
    if (!pending.overlayBytes && !existsSync(overlayFile))
      throw new UserError(`${repoPath(overlayFile)} is missing (named by ${repoPath(source.recordFile)})`)
    const overlayBytes = pending.overlayBytes ?? readFileSync(overlayFile)
    overlaySha = sha256(overlayBytes)
    overlayPath = repoPath(overlayFile)
    const overlay = parseDocument(overlayBytes.toString('utf8'), overlayPath)
    if ((overlay.actions ?? []).length > 0) spec = await applyOverlay(spec, overlay, overlayPath)
  }
  if (typeof spec?.openapi !== 'string' || !/^3\.[01]\./.test(spec.openapi)) {
    throw new UserError(`${repoPath(vendorFile)} is not an OpenAPI 3.0 or 3.1 document`)
  }
  return {
    source,
    spec,
    vendor: { path: repoPath(vendorFile), sha256: vendorSha },
    documents,
    overlay: overlayPath ? { path: overlayPath, sha256: overlaySha } : null,
    packageDir: join(ROOT, source.packageDir),
  }
}

/**
 * What a script prints when it fails: a UserError's message as it is; anything else (a bug of
 * the script, or a library that threw on a document) as its message and what to do, with the
 * stack only when DEBUG is set.
 */
export function failureMessage(error) {
  if (error instanceof UserError) return error.message
  const message = String(error?.message ?? error).trim()
  if (process.env.DEBUG) return String(error?.stack ?? message)
  return `${message}\n(an unexpected failure, not a problem the script knows how to name; run again with DEBUG=1 for the stack trace)`
}
