// The operations of a vendor document, and the document cut down to the ones a package ships.
import openapiFormat from 'openapi-format'
import { UserError } from './specs.mjs'

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const COMPONENT_TYPES = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers']

/** Every operation of the document, in document order: `{ operationId, method, path }`. */
export function listOperations(spec) {
  const found = []
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method]
      if (operation) found.push({ operationId: operation.operationId, method, path })
    }
  }
  return found
}

/**
 * Operations the new document still has under another operationId: a listed id it lacks,
 * whose method and path (in the document stored before) it has under a new, unlisted id.
 * Returns `[{ from, to, method, path }]`.
 */
export function renamedOperations(before, after, operationIds) {
  const now = listOperations(after)
  const ids = new Set(now.map((operation) => operation.operationId))
  const renames = []
  for (const id of operationIds) {
    if (ids.has(id)) continue
    const old = listOperations(before).find((operation) => operation.operationId === id)
    const moved = old && now.find((operation) => operation.method === old.method && operation.path === old.path)
    if (moved?.operationId && !operationIds.includes(moved.operationId)) {
      renames.push({ from: id, to: moved.operationId, method: old.method, path: old.path })
    }
  }
  return renames
}

/**
 * Keeps only the listed operations, and the components they still use (openapi-format's
 * unused-components filter). Webhooks (requests the vendor sends, not calls a client makes)
 * are dropped. Returns `{ spec, total, dropped, webhooks }` (counts of the operations and
 * webhooks left out); when nothing is left out, `spec` is the document itself.
 */
export async function keepOperations(spec, operationIds, from) {
  const all = listOperations(spec)
  const known = new Set(all.map((operation) => operation.operationId))
  const missing = operationIds.filter((id) => !known.has(id))
  if (missing.length > 0) {
    const sample = [...known].filter(Boolean).slice(0, 8).join(', ')
    throw new UserError(
      `${from} has no operation ${missing.map((id) => `"${id}"`).join(', ')} ` +
        `(renamed or removed? it has ${all.length}: ${sample}${all.length > 8 ? ', …' : ''})`,
    )
  }
  const wanted = new Set(operationIds)
  const dropped = all.filter((operation) => !wanted.has(operation.operationId))
  const webhooks = Object.keys(spec.webhooks ?? {}).length
  if (dropped.length === 0 && webhooks === 0) return { spec, total: all.length, dropped: 0, webhooks: 0 }

  // Operations are removed here, not by openapi-format's operation filter, which also drops
  // any schema property named like an HTTP method (a `trace` field, say).
  const trimmed = structuredClone(spec)
  delete trimmed.webhooks
  for (const { path, method } of dropped) {
    delete trimmed.paths[path][method]
    if (!HTTP_METHODS.some((verb) => trimmed.paths[path][verb])) delete trimmed.paths[path]
  }
  const { data } = await openapiFormat.openapiFilter(trimmed, {
    filterSet: { unusedComponents: COMPONENT_TYPES, preserveEmptyObjects: true },
  })
  // Empty objects are preserved (an empty `parameters: []` is the vendor's), but a component
  // map that only the pruning emptied goes.
  for (const type of COMPONENT_TYPES) {
    if (isEmpty(data.components?.[type]) && !isEmpty(spec.components?.[type])) delete data.components[type]
  }
  if (isEmpty(data.components) && !isEmpty(spec.components)) delete data.components
  return { spec: data, total: all.length, dropped: dropped.length, webhooks }
}

function isEmpty(value) {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0
}
