import { JSONSchemaFaker } from 'json-schema-faker'
import { REF_DEPTH, restoreMockGenerator } from './generator-options.js'
import { isJsonFamily } from './media-types.js'
import { escapePointer, follow, type Located, locate, type Node } from './pointers.js'

/** A request that keeps to the spec, built from its examples (or, lacking those, its schemas). */
export interface SampleRequest {
  operationId: string
  /** Upper-case, e.g. `POST`. */
  method: string
  /** The path template as the spec writes it, e.g. `/things/{id}`: fill it from `params.path`. */
  path: string
  /** Values of the required parameters, in openapi-fetch's shape. */
  params: {
    path: Record<string, unknown>
    query: Record<string, unknown>
    header: Record<string, string>
  }
  /** The body, when the operation takes one. */
  body?: unknown
  /** The media type of `body` (a JSON one when the spec offers several). */
  mediaType?: string
}

/** What the sampler needs from the spec: the document, and a check of a value against a schema. */
export interface SampleContext {
  document: Node
  /** Whether `value` fits the schema at `pointer` (a JSON pointer into the document). */
  fits(pointer: string, value: unknown): boolean
}

const SEEDS = [1, 2, 3, 4, 5]

/** Builds the request for the operation at `/paths/<path>/<method>`. */
export function sampleRequest(
  context: SampleContext,
  operationId: string,
  method: string,
  path: string,
): SampleRequest {
  const itemPointer = `/paths/${escapePointer(path)}`
  const operation = locate(context.document, `${itemPointer}/${method.toLowerCase()}`)
  if (!operation) throw new Error(`the spec has no ${method} ${path}`)
  const params: SampleRequest['params'] = { path: {}, query: {}, header: {} }
  for (const { node, pointer } of parametersOf(context.document, itemPointer, operation.pointer)) {
    if (node.required !== true) continue
    const value = valueFor(context, node, pointer)
    const name = String(node.name)
    if (node.in === 'path') params.path[name] = value
    else if (node.in === 'query') params.query[name] = value
    else if (node.in === 'header') params.header[name] = String(value)
  }
  const request: SampleRequest = { operationId, method: method.toUpperCase(), path, params }
  const body = follow(context.document, operation.node.requestBody, `${operation.pointer}/requestBody`)
  const content = (body?.node.content ?? {}) as Node
  const mediaTypes = Object.keys(content)
  const mediaType = mediaTypes.find((candidate) => isJsonFamily(candidate)) ?? mediaTypes[0]
  if (body && mediaType) {
    const media = follow(context.document, content[mediaType], `${body.pointer}/content/${escapePointer(mediaType)}`)
    // An empty object fits a schema with no required field, but a form body of no field is no
    // body at all, which a required request body refuses: prefer a sample with fields.
    if (media) request.body = valueFor(context, media.node, media.pointer, { nonEmpty: body.node.required === true })
    request.mediaType = mediaType
  }
  return request
}

/** Path-level parameters, overridden by the operation's own of the same name and place. */
function parametersOf(document: Node, itemPointer: string, operationPointer: string): Located[] {
  const byKey = new Map<string, Located>()
  for (const listPointer of [`${itemPointer}/parameters`, `${operationPointer}/parameters`]) {
    const list = locate(document, listPointer)?.node
    if (!Array.isArray(list)) continue
    list.forEach((entry, index) => {
      const parameter = follow(document, entry, `${listPointer}/${index}`)
      if (parameter) byKey.set(`${parameter.node.in}:${parameter.node.name}`, parameter)
    })
  }
  return [...byKey.values()]
}

/**
 * A value for a parameter or a media type: the first of its examples that fits its schema,
 * else the first fitting sample of the schema (required fields only, then with the optional
 * ones, which a rule such as "body or media" may need), else the first candidate anyway.
 */
function valueFor(context: SampleContext, holder: Node, pointer: string, { nonEmpty = false } = {}): unknown {
  const { located, candidates } = candidatesFor(context, holder, pointer)
  let first: { value: unknown } | undefined
  let empty: { value: unknown } | undefined
  for (const candidate of candidates) {
    const value = attempt(candidate)
    if (value === FAILED) continue
    first ??= { value }
    if (located && !context.fits(located.pointer, value)) continue
    if (nonEmpty && isEmptyObject(value)) {
      empty ??= { value }
      continue
    }
    return value
  }
  const found = empty ?? first
  if (!found) throw new Error(`the schema sampler failed on every try at ${located?.pointer ?? pointer}`)
  return found.value
}

/**
 * A value for the media type (or parameter) at `pointer` that fits its schema, found as a
 * request's is (its examples, then samples of the schema); undefined when it has no schema or
 * no candidate fits.
 */
export function fittingValue(context: SampleContext, pointer: string): { value: unknown } | undefined {
  const holder = locate(context.document, pointer)
  if (!holder) return undefined
  const { located, candidates } = candidatesFor(context, holder.node, holder.pointer)
  if (!located) return undefined
  for (const candidate of candidates) {
    const value = attempt(candidate)
    if (value !== FAILED && context.fits(located.pointer, value)) return { value }
  }
  return undefined
}

const FAILED = Symbol('the sampler failed')

/** A candidate's value, or FAILED where the sampler throws (it does on some unions and deep recursions). */
function attempt(candidate: () => unknown): unknown {
  try {
    return candidate()
  } catch {
    return FAILED
  }
}

function candidatesFor(context: SampleContext, holder: Node, pointer: string) {
  const located = schemaOf(context.document, holder, pointer)
  const candidates: (() => unknown)[] = examplesOf(context.document, holder).map((example) => () => example)
  if (located) {
    const schema = located.node
    if (schema.example !== undefined) candidates.push(() => schema.example)
    for (const requiredOnly of [true, false]) {
      for (const seed of SEEDS) candidates.push(() => fake(context.document, schema, requiredOnly, seed))
    }
    // Where every sample with all the optional fields breaks the schema somewhere, the required
    // fields and one optional field at a time (a form body must have a field to be a body).
    const properties = Object.entries((schema.properties as Node | undefined) ?? {}).slice(0, 8)
    for (const [name, property] of properties) {
      candidates.push(() => {
        const base = fake(context.document, schema, true, 1)
        const value = fake(context.document, property as Node, true, 1)
        return typeof base === 'object' && base !== null ? { ...base, [name]: value } : base
      })
    }
    // The faker merges the branches of an anyOf / oneOf into one another (TypeSpec's unions of
    // objects, `const` discriminators, nullable unions come out fitting none of them): one
    // branch of each union chosen beforehand, and the faker samples that branch alone.
    for (const requiredOnly of [true, false]) {
      for (const seed of SEEDS) {
        candidates.push(() => {
          const branches = seededRandom(seed * 7919)
          const chosen = oneBranch(context.document, schema, {
            pick: (count) => Math.floor(branches() * count),
            requiredOnly,
          })
          return fake(context.document, chosen as Node, requiredOnly, seed)
        })
      }
    }
  }
  return { located, candidates }
}

/** Past this many `$ref`s deep, an object keeps only its required properties (a recursive schema ends). */
const OPTIONAL_DEPTH = 3
/** Past this many, a `$ref` is left to the faker. */
const MAX_DEPTH = 24

/**
 * The schema with each anyOf / oneOf replaced by the branch `pick` chooses (kept beside the
 * rest of its node in an allOf), following `$ref`s, so that a sample of it is a sample of one
 * branch. Optional properties are dropped where `requiredOnly` (the faker would drop them) or
 * deep down (so that a recursive schema ends).
 */
function oneBranch(
  document: Node,
  schema: unknown,
  options: { pick(count: number): number; requiredOnly: boolean },
  depth = 0,
): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema
  const node = schema as Node
  if (typeof node.$ref === 'string') {
    if (depth >= MAX_DEPTH) return node
    const target = follow(document, { $ref: node.$ref }, '')
    if (!target) return node
    const { $ref: _ref, ...siblings } = node
    const resolved = oneBranch(document, target.node, options, depth + 1)
    return merged(resolved, oneBranch(document, siblings, options, depth))
  }
  const copy: Node = { ...node }
  const union = (Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined) as
    | unknown[]
    | undefined
  if (union && union.length > 0) {
    delete copy.oneOf
    delete copy.anyOf
    const branch = oneBranch(document, union[options.pick(union.length)], options, depth)
    return merged(oneBranch(document, copy, options, depth), branch)
  }
  if (Array.isArray(node.allOf)) {
    // Merged here: the faker's own merge of allOf members turns an array `examples` value into
    // an object ({ "0": …, "1": … }).
    const { allOf, ...rest } = copy
    return (allOf as unknown[]).reduce<unknown>(
      (result, member) => merged(result, oneBranch(document, member, options, depth)),
      oneBranch(document, rest, options, depth),
    )
  }
  if (node.properties && typeof node.properties === 'object') {
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : [])
    const keepOptional = !options.requiredOnly && depth < OPTIONAL_DEPTH
    copy.properties = Object.fromEntries(
      Object.entries(node.properties as Node)
        .filter(([name]) => keepOptional || required.has(name))
        .map(([name, property]) => [name, oneBranch(document, property, options, depth)]),
    )
  }
  if (node.items !== undefined) {
    copy.items = Array.isArray(node.items)
      ? node.items.map((item) => oneBranch(document, item, options, depth))
      : oneBranch(document, node.items, options, depth)
  }
  if (Array.isArray(node.prefixItems)) {
    copy.prefixItems = node.prefixItems.map((item) => oneBranch(document, item, options, depth))
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    copy.additionalProperties = oneBranch(document, node.additionalProperties, options, depth)
  }
  return copy
}

/**
 * One schema that both `a` and `b` describe: properties and required fields joined, the other
 * keywords of each kept, and where both set one differently, both in an allOf.
 */
function merged(a: unknown, b: unknown): unknown {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return b
  if (!b || typeof b !== 'object' || Array.isArray(b)) return a
  const out: Node = { ...(a as Node) }
  const clashes: Node = {}
  for (const [key, value] of Object.entries(b as Node)) {
    if (key === 'properties' && out.properties && typeof value === 'object') {
      const properties: Node = { ...(out.properties as Node) }
      for (const [name, property] of Object.entries(value as Node)) {
        properties[name] = name in properties ? merged(properties[name], property) : property
      }
      out.properties = properties
    } else if (key === 'required' && Array.isArray(out.required) && Array.isArray(value)) {
      out.required = [...new Set([...(out.required as string[]), ...(value as string[])])]
    } else if (!(key in out)) {
      out[key] = value
    } else if (!ANNOTATIONS.has(key) && JSON.stringify(out[key]) !== JSON.stringify(value)) {
      clashes[key] = value
    }
  }
  return Object.keys(clashes).length === 0 ? out : { allOf: [out, clashes] }
}

/** Keywords that say nothing of which values fit. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
])

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
}

function examplesOf(document: Node, holder: Node): unknown[] {
  const found: unknown[] = []
  if (holder.example !== undefined) found.push(holder.example)
  for (const entry of Object.values((holder.examples as Node | undefined) ?? {})) {
    const example = follow(document, entry, '')?.node
    if (example && 'value' in example) found.push(example.value)
  }
  return found
}

/** A parameter or media type's schema; a parameter may give it under `content` instead. */
function schemaOf(document: Node, holder: Node, pointer: string): Located | undefined {
  if (holder.schema !== undefined) return follow(document, holder.schema, `${pointer}/schema`)
  const content = holder.content as Node | undefined
  const [mediaType, media] = Object.entries(content ?? {})[0] ?? []
  if (!mediaType) return undefined
  const located = follow(document, media, `${pointer}/content/${escapePointer(mediaType)}`)
  return located?.node.schema === undefined
    ? undefined
    : follow(document, located.node.schema, `${located.pointer}/schema`)
}

/** A repeatable sample: the same schema and seed always give the same value. */
function fake(document: Node, schema: Node, requiredOnly: boolean, seed: number): unknown {
  JSONSchemaFaker.option({
    requiredOnly,
    alwaysFakeOptionals: !requiredOnly,
    fillProperties: false,
    useExamplesValue: true,
    useDefaultValue: true,
    // The faker gives each `$ref` a random budget of uses per value (0 to 3 by default), past
    // which it leaves the $ref's annotations as the value: a component as common as a uuid
    // needs more than that in one body.
    refDepthMin: REF_DEPTH,
    refDepthMax: REF_DEPTH,
    random: seededRandom(seed),
  })
  // The sampler resolves `#/components/...` against the schema it is given, so lend it the spec's;
  // it writes what it resolves into the schemas it walks, so it gets a copy of them: the spec
  // itself (which the checks of requests and responses read) stays as written.
  try {
    return JSONSchemaFaker.generate(JSON.parse(samplerInput(document, schema)) as never)
  } finally {
    restoreMockGenerator()
  }
}

const samplerInputs = new WeakMap<Node, string>()

/** The schema with the components it reaches (through `$ref`s, however deep), as JSON to copy from. */
function samplerInput(document: Node, schema: Node): string {
  let json = samplerInputs.get(schema)
  if (json === undefined) {
    const components: Record<string, Node> = {}
    const seen = new Set<string>()
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return
      if (Array.isArray(node)) {
        for (const item of node) visit(item)
        return
      }
      const ref = (node as Node).$ref
      if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
        seen.add(ref)
        // The whole component, even where the `$ref` names a part of it.
        const [, , kind, name] = ref.split('/')
        const component = kind && name ? locate(document, `/components/${kind}/${name}`) : undefined
        if (kind && name && component) {
          components[kind] ??= {}
          ;(components[kind] as Node)[name.replace(/~1/g, '/').replace(/~0/g, '~')] = component.node
          visit(component.node)
        }
      }
      for (const value of Object.values(node)) visit(value)
    }
    visit(schema)
    json = JSON.stringify({ ...schema, components })
    samplerInputs.set(schema, json)
  }
  return json
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}
