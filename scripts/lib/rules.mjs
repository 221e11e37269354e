// Final spec → src/generated/rules.ts: the limits of each operation's request (lengths, counts,
// patterns, enums, ranges, defaults, required fields), for the facade's checks to read instead
// of copying them. One `as const` export per operation, so a bundle keeps only the ones it uses.

/** The schema keywords that constrain a value; everything else (descriptions, examples) is dropped. */
// Types and formats stay in schema.ts and openapi.json: the facade checks values, not shapes.
const KEEP = [
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
  'required',
]
const NESTED = ['anyOf', 'oneOf', 'allOf']
/**
 * How many `$ref`s deep the rules follow a schema. Every `$ref` is written out in full, so a
 * document whose components share components (SignalWire's REST API: SWML, 253 operations)
 * grows with each level: 61 MB of rules.ts without a limit, which TypeScript refuses to
 * declare (TS7056), 0.3 MB with this one. Limits further down stay in the schema (schema.ts,
 * openapi.json); the facade's checks read the top-level fields.
 */
const MAX_REFS = 5
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** `create-message` → `createMessageRules`, `sendMessage_v1` → `sendMessageV1Rules`. */
export function rulesName(operationId) {
  const words = String(operationId)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  const camel = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('')
  return `${/^[0-9]/.test(camel) ? '_' : ''}${camel}Rules`
}

function resolve(spec, schema, seen) {
  let current = schema
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) return undefined
    seen = new Set([...seen, current.$ref])
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, key) => node?.[key], spec)
  }
  return current && typeof current === 'object' ? { schema: current, seen } : undefined
}

/** A schema with refs resolved and only its constraints kept; undefined when nothing is left. */
export function pruneSchema(spec, schema, seen = new Set()) {
  const found = resolve(spec, schema, seen)
  if (!found || found.seen.size > MAX_REFS) return undefined
  const { schema: node } = found
  const out = {}
  for (const key of KEEP) if (node[key] !== undefined) out[key] = node[key]
  if (node.properties && typeof node.properties === 'object') {
    const properties = {}
    for (const [name, child] of Object.entries(node.properties)) {
      const pruned = pruneSchema(spec, child, found.seen)
      if (pruned) properties[name] = pruned
    }
    if (Object.keys(properties).length > 0) out.properties = properties
  }
  if (node.items) {
    const items = pruneSchema(spec, node.items, found.seen)
    if (items) out.items = items
  }
  for (const key of NESTED) {
    if (!Array.isArray(node[key])) continue
    const branches = node[key].map((branch) => pruneSchema(spec, branch, found.seen) ?? {})
    if (branches.some((branch) => Object.keys(branch).length > 0)) out[key] = branches
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** The rules of each operation: { name, method, path, operationId, rules }. */
export function operationRules(spec) {
  const list = []
  const names = new Set()
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (!operation?.operationId) continue
      const rules = {}
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
      for (const raw of parameters) {
        const parameter = resolve(spec, raw, new Set())?.schema
        if (!parameter?.name || !parameter.in) continue
        const pruned = pruneSchema(spec, parameter.schema ?? {}) ?? {}
        rules[parameter.in] ??= {}
        rules[parameter.in][parameter.name] = parameter.required ? { ...pruned, required: true } : pruned
      }
      const body = resolve(spec, operation.requestBody ?? {}, new Set())?.schema
      const media = body?.content && (body.content['application/json'] ?? Object.values(body.content)[0])
      const bodyRules = media?.schema && pruneSchema(spec, media.schema)
      if (bodyRules) rules.body = bodyRules
      let name = rulesName(operation.operationId)
      while (names.has(name)) name = `${name}_`
      names.add(name)
      list.push({ name, method, path, operationId: operation.operationId, rules })
    }
  }
  return list
}

/** rules.ts for a final spec, under the same header as the types. */
export function renderRules(spec, header) {
  const blocks = operationRules(spec).map(
    ({ name, method, path, operationId, rules }) =>
      `/** ${method.toUpperCase()} ${path} (${operationId}): the limits of its request. */\nexport const ${name} = ${JSON.stringify(rules, null, 2)} as const\n`,
  )
  return `${header}\n${blocks.join('\n')}`
}
