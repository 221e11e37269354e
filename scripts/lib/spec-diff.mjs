// What changed between two final specs, classified by api-smart-diff, as a semver bump and a
// summary a user can read: grouped by kind of change, then by operation.
import { isDeepStrictEqual } from 'node:util'
import { apiCompare } from 'api-smart-diff'

/** How a kind of change moves the version, and its heading in the summary, most serious first. */
const KINDS = [
  { type: 'breaking', bump: 'major', heading: 'Breaking changes' },
  // The diff could not tell; a reviewer should, so it counts as breaking until one does.
  { type: 'unclassified', bump: 'major', heading: 'Changes to review (not classified)' },
  { type: 'non-breaking', bump: 'minor', heading: 'Non-breaking changes' },
  { type: 'deprecated', bump: 'minor', heading: 'Deprecations' },
  { type: 'annotation', bump: 'patch', heading: 'Documentation' },
]
const BUMP_ORDER = ['patch', 'minor', 'major']
const VERBS = { add: 'Added', remove: 'Removed', replace: 'Changed', rename: 'Renamed' }
const MAX_LINES_PER_KIND = 40

/**
 * Compares two OpenAPI documents. Returns `{ bump, counts, sections }`: `bump` is 'major',
 * 'minor' or 'patch' ('patch' when nothing in the API changed), `sections` is the Markdown
 * summary (empty when there is no difference).
 */
export function compareSpecs(before, after) {
  const diffs = specDiffs(before, after).map((diff) => ({ ...diff, type: typeOf(diff) }))
  let bump = 'patch'
  const counts = {}
  const sections = []
  for (const kind of KINDS) {
    const ofKind = diffs.filter((diff) => diff.type === kind.type)
    counts[kind.type] = ofKind.length
    if (ofKind.length === 0) continue
    if (BUMP_ORDER.indexOf(kind.bump) > BUMP_ORDER.indexOf(bump)) bump = kind.bump
    sections.push(`**${kind.heading}**\n\n${renderGroups(ofKind, before, after)}`)
  }
  return { bump, counts, total: diffs.length, summary: sections.join('\n\n') }
}

/**
 * api-smart-diff's diffs of two documents, as the library gives them for the whole documents.
 * A vendor update leaves most path items as they were, and the library walks every node of
 * both documents (about 2 s for Quo's), so the path items and webhooks that are the same on
 * both sides, and hold no `$ref` (whose target may have changed), are left out of what it
 * walks: they give no diff. Nothing is left out when the document-wide settings that apply to
 * every operation (servers, security, the security schemes it names) changed.
 */
export function specDiffs(before, after) {
  const prunable =
    isObject(before) &&
    isObject(after) &&
    isDeepStrictEqual(before.servers, after.servers) &&
    isDeepStrictEqual(before.security, after.security) &&
    isDeepStrictEqual(before.components?.securitySchemes, after.components?.securitySchemes)
  if (!prunable) return apiCompare(before, after).diffs
  const [left, right] = [{ ...before }, { ...after }]
  for (const key of ['paths', 'webhooks']) {
    if (!isObject(before[key]) || !isObject(after[key])) continue
    left[key] = { ...before[key] }
    right[key] = { ...after[key] }
    for (const name of Object.keys(before[key])) {
      if (!Object.hasOwn(after[key], name)) continue
      const item = before[key][name]
      if (isDeepStrictEqual(item, after[key][name]) && !holdsRef(item)) {
        delete left[key][name]
        delete right[key][name]
      }
    }
  }
  return apiCompare(left, right).diffs
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

function holdsRef(value) {
  if (Array.isArray(value)) return value.some(holdsRef)
  if (!isObject(value)) return false
  return Object.hasOwn(value, '$ref') || Object.values(value).some(holdsRef)
}

const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs'])

/**
 * The library's classification, except that what it leaves unclassified in parts of the
 * document that only document (tag descriptions, external docs, info) is documentation, and a
 * webhook added or removed as a whole is non-breaking or breaking.
 */
function typeOf(diff) {
  const known = KINDS.some((kind) => kind.type === diff.type) ? diff.type : 'unclassified'
  if (known !== 'unclassified') return known
  // A whole webhook added gives receivers one more typed payload; one removed takes a type away.
  if (diff.path[0] === 'webhooks' && diff.path.length === 2 && diff.action === 'add') return 'non-breaking'
  if (diff.path[0] === 'webhooks' && diff.path.length === 2 && diff.action === 'remove') return 'breaking'
  const documentation =
    ['tags', 'externalDocs', 'info'].includes(diff.path[0]) || DOCUMENTATION_KEYS.has(String(diff.path.at(-1)))
  return documentation ? 'annotation' : known
}

/** Lines grouped under the operation they touch ("the document" for the rest). */
function renderGroups(diffs, before, after) {
  const groups = new Map()
  for (const diff of diffs) {
    const { label, line } = describe(diff, before, after)
    if (!groups.has(label)) groups.set(label, new Set())
    groups.get(label).add(line)
  }
  for (const [label, group] of groups) groups.set(label, mergeStatuses(group))
  const lines = []
  let shown = 0
  let hidden = 0
  for (const [label, group] of groups) {
    if (shown >= MAX_LINES_PER_KIND) {
      hidden += group.size
      continue
    }
    if (label === null) {
      for (const line of group) lines.push(`- ${line}`)
    } else if (group.size === 1 && group.has('')) {
      lines.push(`- ${label}`)
    } else {
      lines.push(`- ${label}`)
      for (const line of group) if (line) lines.push(`  - ${line}`)
    }
    shown += group.size
  }
  if (hidden > 0) lines.push(`- … and ${hidden} more`)
  return lines.join('\n')
}

function describe(diff, before, after) {
  const [root, path, method] = diff.path
  if (root !== 'paths' || typeof method !== 'string') {
    return { label: null, line: tidy(diff.description) || `${VERBS[diff.action]} \`${diff.path.join('.')}\`` }
  }
  const operation = (diff.action === 'remove' ? before : after)?.paths?.[path]?.[method] ?? {}
  const label = `\`${method.toUpperCase()} ${path}\`${operation.operationId ? ` (${operation.operationId})` : ''}`
  if (diff.path.length === 3) {
    return {
      label,
      line: diff.action === 'add' ? 'New operation' : diff.action === 'remove' ? 'Operation removed' : '',
    }
  }
  // The library calls every added parameter "required"; say what the spec says.
  if (diff.path[3] === 'parameters' && diff.path.length === 5 && (diff.action === 'add' || diff.action === 'remove')) {
    const parameter = diff.action === 'add' ? diff.after : diff.before
    const required = parameter?.required === true ? 'required' : 'optional'
    const verb = diff.action === 'add' ? 'Added' : 'Removed'
    return { label, line: `${verb} ${required} ${parameter?.in ?? ''} parameter \`${parameter?.name ?? '?'}\`` }
  }
  return { label, line: tidy(diff.description) || `${VERBS[diff.action]} \`${diff.path.slice(3).join('.')}\`` }
}

/**
 * One line for a change repeated across responses: "… in Response 400 content" and "… in
 * Response 401 content" become "… in Responses 400, 401 content".
 */
function mergeStatuses(lines) {
  const merged = new Map()
  for (const line of lines) {
    const status = /\bResponse (\w+)\b/.exec(line)?.[1]
    const key = status ? line.replace(`Response ${status}`, 'Response \0') : line
    if (!merged.has(key)) merged.set(key, [])
    if (status) merged.get(key).push(status)
  }
  return new Set(
    [...merged].map(([key, statuses]) =>
      statuses.length === 0
        ? key
        : key.replace('Response \0', `${statuses.length > 1 ? 'Responses' : 'Response'} ${statuses.join(', ')}`),
    ),
  )
}

/** "[Removed] property `x`" → "Removed property `x`"; "[Replaced] annotation (description)" → "Changed description". */
function tidy(description) {
  return (description ?? '')
    .replace(/^\[(\w+)\]\s*/, '$1 ')
    .replace(/^Replaced annotation \(([^)]+)\)/, 'Changed $1')
    .replace(/^(Added|Removed) annotation \(([^)]+)\)/, '$1 $2')
    .trim()
}
