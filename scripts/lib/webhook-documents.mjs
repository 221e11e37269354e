// A provider's other vendor documents, from which its final spec takes only named webhooks
// (SignalWire's Compatibility document, say, beside its REST one): each is recorded in the
// source record's `webhookDocuments` as { title, upstream, file, retrieved, sha256, webhooks },
// stored as the vendor published it (cut down to those webhooks), and merged in before the
// overlay, so that an overlay action can fix what it says as it fixes the main document.
import { isDeepStrictEqual } from 'node:util'
import { UserError } from './specs.mjs'

// `sha256` is written by `pnpm specs:update` when it first stores the document.
const REQUIRED = ['file', 'webhooks']
const LOCAL_REF = /^#\/components\/([^/]+)\/([^/]+)$/

/** The record's webhook documents, checked: `[{ title, upstream, file, retrieved, sha256, webhooks, prefix }]`. */
export function webhookDocuments(source, recordName) {
  const documents = source.webhookDocuments ?? []
  if (!Array.isArray(documents)) throw new UserError(`${recordName}: "webhookDocuments" must be a list`)
  documents.forEach((document, index) => {
    const missing = REQUIRED.filter((field) => document?.[field] === undefined)
    if (missing.length > 0) {
      throw new UserError(`${recordName}: webhookDocuments[${index}] lacks ${missing.join(', ')}`)
    }
    if (!Array.isArray(document.webhooks) || document.webhooks.length === 0) {
      throw new UserError(`${recordName}: webhookDocuments[${index}].webhooks must name at least one webhook`)
    }
    if (document.file === source.file || documents.some((other, at) => at < index && other.file === document.file)) {
      throw new UserError(
        `${recordName}: webhookDocuments[${index}] stores "${document.file}", which another document uses`,
      )
    }
  })
  return documents
}

/**
 * `spec` with webhooks `names` of `other` added, with every component they reference (and
 * those reference, and so on) and the tags they name. A component whose name `spec` already
 * uses for something else is added as `<prefix><name>` and the references to it follow; one
 * that is the same is shared. A webhook name `spec` already has, or a reference that leaves the
 * document's components, stops the build with a UserError naming it.
 */
export function mergeWebhooks(spec, other, names, { from, prefix }) {
  const merged = structuredClone(spec)
  const missing = names.filter((name) => !Object.hasOwn(other.webhooks ?? {}, name))
  if (missing.length > 0) {
    const known = Object.keys(other.webhooks ?? {})
    throw new UserError(
      `${from} has no webhook ${missing.map((name) => `"${name}"`).join(', ')} ` +
        `(it has ${known.length}${known.length > 0 ? `: ${known.join(', ')}` : ''})`,
    )
  }
  const renamed = new Map() // '#/components/<type>/<name>' in `other` → the ref in `merged`
  const pending = []
  const place = (ref) => {
    if (renamed.has(ref)) return renamed.get(ref)
    const match = LOCAL_REF.exec(ref)
    if (!match) throw new UserError(`${from}: ${ref} is not a reference to a component, so it cannot be taken in`)
    const [, type, name] = match
    const value = other.components?.[type]?.[decodePointer(name)]
    if (value === undefined) throw new UserError(`${from}: ${ref} names no component of the document`)
    let target = decodePointer(name)
    const existing = merged.components?.[type]?.[target]
    if (existing !== undefined && !isDeepStrictEqual(existing, value)) target = `${prefix}${target}`
    const placed = `#/components/${type}/${encodePointer(target)}`
    renamed.set(ref, placed)
    pending.push({ type, target, value })
    return placed
  }
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite)
    if (node === null || typeof node !== 'object') return node
    const out = {}
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === '$ref' && typeof value === 'string' ? place(value) : rewrite(value)
    }
    return out
  }
  merged.webhooks ??= {}
  for (const name of names) {
    if (Object.hasOwn(merged.webhooks, name)) {
      throw new UserError(`${from}: webhook "${name}" is already in the main document; take it from one of them only`)
    }
    merged.webhooks[name] = rewrite(other.webhooks[name])
  }
  while (pending.length > 0) {
    const { type, target, value } = pending.shift()
    merged.components ??= {}
    merged.components[type] ??= {}
    const existing = merged.components[type][target]
    const written = rewrite(value)
    if (existing !== undefined && !isDeepStrictEqual(existing, written)) {
      throw new UserError(`${from}: component ${type}/${target} is taken in a second time with other contents`)
    }
    merged.components[type][target] = written
  }
  const tags = new Set(names.flatMap((name) => Object.values(merged.webhooks[name]).flatMap((op) => op?.tags ?? [])))
  for (const tag of tags) {
    if ((merged.tags ?? []).some((known) => known.name === tag)) continue
    const defined = (other.tags ?? []).find((known) => known.name === tag)
    if (defined) merged.tags = [...(merged.tags ?? []), structuredClone(defined)]
  }
  return merged
}

function decodePointer(segment) {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')
}

function encodePointer(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}
