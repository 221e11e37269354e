import { JSONSchemaFaker } from 'json-schema-faker'
import { restoreMockGenerator } from './generator-options.js'
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
  }
  let first: unknown
  let empty: unknown
  for (const [index, candidate] of candidates.entries()) {
    const value = candidate()
    if (index === 0) first = value
    if (located && !context.fits(located.pointer, value)) continue
    if (nonEmpty && isEmptyObject(value)) {
      empty ??= value
      continue
    }
    return value
  }
  return empty ?? first
}

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
    random: seededRandom(seed),
  })
  // The sampler resolves `#/components/...` against the schema it is given, so lend it the spec's.
  try {
    return JSONSchemaFaker.generate({ ...schema, components: document.components } as never)
  } finally {
    restoreMockGenerator()
  }
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}
