// A new vendor document: fetched from a URL or read from a file, then checked before anything
// in the repository is touched (a network failure, an error page or a non-OpenAPI document
// must fail here, with the reason).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { parseDocument, UserError } from './specs.mjs'

const FETCH_TIMEOUT_MS = 30_000

export function isUrl(location) {
  return /^https?:\/\//i.test(location)
}

/**
 * The bytes of a document at a URL or a path (relative to `cwd`), with what is known of
 * their type: `{ bytes, from, contentType }`.
 */
export async function readSpecInput(location, { cwd = process.cwd(), timeoutMs = FETCH_TIMEOUT_MS } = {}) {
  if (isUrl(location)) return fetchDocument(location, timeoutMs)
  const path = resolve(cwd, location)
  if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`${location}: no such file`)
  return { bytes: readFileSync(path), from: location, contentType: undefined }
}

async function fetchDocument(url, timeoutMs) {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
    })
    const bytes = Buffer.from(await response.arrayBuffer())
    if (!response.ok) {
      throw new UserError(
        `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      )
    }
    return { bytes, from: url, contentType: response.headers.get('content-type') ?? undefined }
  } catch (error) {
    if (error instanceof UserError) throw error
    const reason =
      error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (error.cause?.message ?? error.message)
    throw new UserError(`could not fetch ${url}: ${reason}`)
  }
}

/**
 * Parses the document and checks that it is an OpenAPI 3.0 or 3.1 document whose structure
 * is valid (Redocly's `struct` and `no-unresolved-refs` rules). Returns the parsed document.
 */
export async function parseOpenApi(input) {
  const text = input.bytes.toString('utf8')
  const page = htmlPage(text, input.contentType)
  if (page !== null) {
    throw new UserError(`${input.from} is an HTML page${page ? ` ("${page}")` : ''}, not an OpenAPI document`)
  }
  const spec = parseDocument(text, input.from)
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new UserError(`${input.from} is not an OpenAPI document (it parses to ${describe(spec)})`)
  }
  if (typeof spec.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(spec.openapi)) {
    const found = spec.swagger ? `Swagger ${spec.swagger}` : `openapi: ${JSON.stringify(spec.openapi ?? null)}`
    throw new UserError(`${input.from} is not an OpenAPI 3.0 or 3.1 document (${found})`)
  }
  const config = await createConfig({ extends: [], rules: { struct: 'error', 'no-unresolved-refs': 'error' } })
  const problems = await lintFromString({ source: text, absoluteRef: lintRef(input.from), config })
  if (problems.length > 0) {
    const shown = problems
      .slice(0, 3)
      .map((problem) => `${problem.message} (at ${problem.location?.[0]?.pointer ?? '#'})`)
      .join('; ')
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : ''
    throw new UserError(`${input.from} is not a valid OpenAPI ${spec.openapi} document: ${shown}${more}`)
  }
  return spec
}

/** The page's title ('' without one) when the text is an HTML page; otherwise null. */
function htmlPage(text, contentType) {
  const html =
    /^text\/html\b/i.test(contentType ?? '') || /^\uFEFF?\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text)
  if (!html) return null
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]
  return (title ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)
}

// Redocly resolves the document's own $refs against this name; it must look like a file.
function lintRef(from) {
  return isUrl(from) ? from : resolve(from)
}

function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return `a ${typeof value}`
}
