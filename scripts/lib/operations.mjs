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
 * Keeps only the listed operations and webhooks, and the components they still use
 * (openapi-format's unused-components filter). Webhooks (requests the vendor sends, not calls
 * a client makes) are kept only when listed (`webhookNames`, the record's `webhooks`): the
 * receivers type their payloads from them. Returns `{ spec, total, dropped, webhooks }` (counts
 * of the operations and of the webhooks left out) and `keptWebhooks`; when nothing is left
 * out, `spec` is the document itself.
 */
export async function keepOperations(spec, operationIds, from, webhookNames = []) {
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
  const allWebhooks = Object.keys(spec.webhooks ?? {})
  const missingWebhooks = webhookNames.filter((name) => !allWebhooks.includes(name))
  if (missingWebhooks.length > 0) {
    throw new UserError(
      `${from} has no webhook ${missingWebhooks.map((name) => `"${name}"`).join(', ')} ` +
        `(it has ${allWebhooks.length}${allWebhooks.length > 0 ? `: ${allWebhooks.join(', ')}` : ''})`,
    )
  }
  const wanted = new Set(operationIds)
  const dropped = all.filter((operation) => !wanted.has(operation.operationId))
  const webhooks = allWebhooks.filter((name) => !webhookNames.includes(name)).length
  if (dropped.length === 0 && webhooks === 0) return { spec, total: all.length, dropped: 0, webhooks: 0 }

  // Operations are removed here, not by openapi-format's operation filter, which also drops
  // any schema property named like an HTTP method (a `trace` field, say).
  const trimmed = structuredClone(spec)
  for (const name of allWebhooks) if (!webhookNames.includes(name)) delete trimmed.webhooks[name]
  if (isEmpty(trimmed.webhooks)) delete trimmed.webhooks
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
  return { spec: data, total: all.length, dropped: dropped.length, webhooks, keptWebhooks: webhookNames.length }
}

function isEmpty(value) {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0
}
