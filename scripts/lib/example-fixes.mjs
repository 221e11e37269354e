// What the spec lint (Redocly, redocly.yaml) finds in a new provider's final spec, and the
// overlay actions new-provider drafts for the findings it can fix without a person: a vendor
// example that breaks its own schema (a mock serves examples as they are, so the package's
// contract tests would fail on the vendor's mistake) is removed, and a component that cutting
// the document down to the shipped operations left unused is removed. Everything else is
// reported, for a person to fix with an overlay action.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { ROOT } from './specs.mjs'
import { BIN } from './tools.mjs'

const EXAMPLE_RULES = new Set([
  'no-invalid-schema-examples',
  'no-invalid-media-type-examples',
  'no-invalid-parameter-examples',
])

/** Problems by the text linted: a script that lints the same final spec twice runs Redocly once. */
const linted = new Map()

/** Lints a final spec (a document) as `pnpm lint:specs` would; returns Redocly's problems. */
export function lintSpec(document) {
  const text = JSON.stringify(document)
  if (!linted.has(text)) linted.set(text, runLint(text))
  return structuredClone(linted.get(text))
}

function runLint(text) {
  const dir = mkdtempSync(join(tmpdir(), 'textbridge-lint-'))
  try {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, text)
    const result = spawnSync(
      join(BIN, 'redocly'),
      ['lint', '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', file],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    const start = result.stdout.indexOf('{')
    if (start < 0) throw new Error(`the spec lint did not run:\n${result.stderr}`)
    return JSON.parse(result.stdout.slice(start)).problems ?? []
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `#/a/b~1c` → ['a', 'b/c'] */
function segmentsOf(pointer) {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** `$.paths['/x'].post.responses['201']...` from path segments; an index where `document` has a list. */
export function jsonPath(segments, document) {
  let node = document
  let path = '$'
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) path += `[${segment}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`
    else path += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
    node = node?.[segment]
  }
  return path
}

const at = (document, segments) => segments.reduce((node, key) => node?.[key], document)

/**
 * Where the example that a problem points into starts: the first `example` or `examples`
 * keyword on the path (not a property of that name), with the entry of an `examples` list or
 * map. `{ list, index }` for a schema's `examples` list (3.1), `{ node }` otherwise.
 */
function exampleRoot(segments, document) {
  for (let i = 0; i < segments.length; i++) {
    if (segments[i - 1] === 'properties' || segments[i - 1] === 'patternProperties') continue
    if (segments[i] === 'example') return { node: segments.slice(0, i + 1) }
    if (segments[i] === 'examples' && i + 1 < segments.length) {
      const entry = segments[i + 1]
      return Array.isArray(at(document, segments.slice(0, i + 1)))
        ? { list: segments.slice(0, i + 1), index: Number(entry) }
        : { node: segments.slice(0, i + 2) }
    }
  }
  return null
}

/**
 * Drafted overlay actions for a final spec's lint problems, and the problems they leave.
 * `document` is the final spec (its paths are those of the vendor document it came from).
 */
export function draftFixes(document, problems) {
  const actions = []
  const left = []
  const removed = new Set()
  const badEntries = new Map() // a schema's `examples` list → the indexes that break it
  const reasons = new Map()
  for (const problem of problems) {
    const pointer = problem.location?.[0]?.pointer ?? ''
    const segments = segmentsOf(pointer)
    if (EXAMPLE_RULES.has(problem.ruleId)) {
      const root = exampleRoot(segments, document)
      if (root?.list) {
        const key = jsonPath(root.list, document)
        badEntries.set(key, {
          segments: root.list,
          indexes: new Set([...(badEntries.get(key)?.indexes ?? []), root.index]),
        })
        reasons.set(key, [...(reasons.get(key) ?? []), problem.message])
        continue
      }
      if (root?.node) {
        const target = jsonPath(root.node, document)
        reasons.set(target, [...(reasons.get(target) ?? []), problem.message])
        if (!removed.has(target)) {
          removed.add(target)
          actions.push({ target, remove: true })
        }
        continue
      }
    }
    if (problem.ruleId === 'no-unused-components' && segments[0] === 'components' && segments.length === 3) {
      const target = jsonPath(segments, document)
      if (!removed.has(target)) {
        removed.add(target)
        actions.push({
          target,
          description: `${problem.message} None of the shipped operations refers to it, and the spec lint fails on an unused component: removed.`,
          remove: true,
        })
      }
      continue
    }
    left.push(problem)
  }
  for (const [target, { segments, indexes }] of badEntries) {
    const list = at(document, segments)
    actions.push({ target, remove: true })
    const kept = Array.isArray(list) ? list.filter((_, index) => !indexes.has(index)) : []
    if (kept.length > 0) {
      actions.push({
        target: jsonPath(segments.slice(0, -1), document),
        description: 'Puts back the examples of this schema that fit it (the action above removed them all).',
        update: { examples: kept },
      })
    }
  }
  for (const action of actions) {
    if (action.description) continue
    const messages = [
      ...new Set(
        (reasons.get(action.target) ?? []).map((message) =>
          message.replace(/^Example value must conform to the schema: /, ''),
        ),
      ),
    ]
    action.description =
      `The vendor's example does not fit its own schema (${messages.slice(0, 3).join('; ')}). A mock serves ` +
      'examples as they are, so it is removed and the mock answers from the schema. Drafted ' +
      'automatically: if the schema is what is wrong, fix the schema instead.'
  }
  // Description first in each action, as in the hand-written overlays.
  return {
    actions: actions.map(({ target, description, ...rest }) => ({ target, description, ...rest })),
    left,
  }
}

/** The overlay file new-provider writes: its actions (none, or drafted fixes), documented. */
export function renderOverlay(title, actions) {
  const head =
    `overlay: 1.0.0\ninfo:\n  title: ${JSON.stringify(`textbridge fixes to the ${title} spec`)}\n  version: 1.0.0\n` +
    '# One action per fix, each with a description of what it fixes and why.\n'
  return actions.length === 0 ? `${head}actions: []\n` : `${head}${stringify({ actions }, { lineWidth: 96 })}`
}

/** One line per problem: rule, where, what. */
export function describeProblems(problems) {
  return problems
    .map((problem) => `  ${problem.ruleId} at ${problem.location?.[0]?.pointer ?? '?'}: ${problem.message}`)
    .join('\n')
}
