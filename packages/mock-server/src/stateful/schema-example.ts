// A value built from a schema's own examples (then const, default, enum, a placeholder by type),
// for the payloads a spec documents with a schema but no example.
import { follow, type Node } from '../pointers.js'

export function schemaExample(document: Node, schema: unknown, depth = 0): unknown {
  const node = follow(document, schema, '')?.node
  if (!node || depth > 12) return undefined
  if (node.example !== undefined) return structuredClone(node.example)
  if (Array.isArray(node.examples) && node.examples.length > 0) return structuredClone(node.examples[0])
  if ('const' in node) return node.const
  if (node.default !== undefined) return structuredClone(node.default)
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0]
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.map((part) => schemaExample(document, part, depth + 1))
    return Object.assign({}, ...parts.filter((part) => part && typeof part === 'object'))
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key]
    if (Array.isArray(branches)) {
      const branch = branches.find((candidate) => follow(document, candidate, '')?.node.type !== 'null')
      return schemaExample(document, branch ?? branches[0], depth + 1)
    }
  }
  const type = Array.isArray(node.type) ? node.type.find((candidate) => candidate !== 'null') : node.type
  if (type === 'object' || node.properties) {
    const value: Record<string, unknown> = {}
    for (const [name, property] of Object.entries((node.properties as Node | undefined) ?? {})) {
      const example = schemaExample(document, property, depth + 1)
      if (example !== undefined) value[name] = example
    }
    return value
  }
  if (type === 'array') return node.items === undefined ? [] : [schemaExample(document, node.items, depth + 1)]
  if (type === 'integer' || type === 'number') return typeof node.minimum === 'number' ? node.minimum : 0
  if (type === 'boolean') return false
  if (type === 'null') return null
  if (type === 'string') {
    if (node.format === 'date-time') return '2022-01-01T00:00:00Z'
    if (node.format === 'uuid') return '00000000-0000-4000-8000-000000000000'
    if (node.format === 'uri') return 'https://example.com'
    return 'string'
  }
  return undefined
}

/** The example of an operation's response body (`status`, JSON media type) from its schema. */
export function responseExample(document: Node, operationId: string, status: string): unknown {
  for (const item of Object.values((document.paths as Node | undefined) ?? {})) {
    for (const operation of Object.values((item as Node) ?? {})) {
      if (!operation || typeof operation !== 'object' || (operation as Node).operationId !== operationId) continue
      const responses = (operation as Node).responses as Node | undefined
      const response = follow(document, responses?.[status], '')?.node
      for (const media of Object.values((response?.content as Node | undefined) ?? {})) {
        const located = follow(document, media, '')?.node
        const named = Object.values((located?.examples as Node | undefined) ?? {})
          .map((entry) => follow(document, entry, '')?.node.value)
          .find((value) => value !== undefined)
        const value = located?.example ?? named ?? schemaExample(document, located?.schema)
        if (value !== undefined) return structuredClone(value)
      }
    }
  }
  return undefined
}
