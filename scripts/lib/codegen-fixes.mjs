// What in a final spec stops openapi-typescript, or makes its output fail to compile, found
// before it runs; and, where the fix needs no person, the overlay action that fixes it (in the
// form of example-fixes.mjs: a target, a description saying what was wrong, the change).
//   - two operations under one key of the generated `operations` type: the same operationId
//     (its validator throws), or ids that differ only where openapi-typescript rewrites the
//     key (`#` becomes `/`). The later one is renamed.
//   - a schema that extends (allOf) a schema with a discriminator whose mapping does not list
//     it: openapi-typescript then adds the discriminator property itself, typed as the schema's
//     name; when the schema declares that property too (a const or a one-value enum), the
//     generated type has it twice and does not compile. Its value is added to the mapping.
import { HTTP_METHODS } from './operations.mjs'
import { UserError } from './specs.mjs'

/** A spec the generator cannot take as it is: each problem names its JSON pointer. */
export class SpecProblems extends UserError {
  name = 'SpecProblems'
  constructor(source, problems) {
    const drafted = problems.filter((problem) => problem.action).length
    super(
      `${source}: ${problems.length} problem(s) stop the code generation:\n${describeCodegenProblems(problems)}` +
        (drafted > 0
          ? `\n${drafted} of them have a drafted overlay action (listed below, or pass --apply-drafts)`
          : ''),
    )
    this.problems = problems
  }
}

/** `['paths', '/a/{b}', 'post']` → `#/paths/~1a~1{b}/post` */
export function pointerOf(segments) {
  return `#/${segments.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`
}

function segmentsOf(pointer) {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** A JSONPath (as overlay targets are written) for path segments. */
export function targetOf(segments) {
  let path = '$'
  for (const segment of segments) {
    if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`
    else path += `['${String(segment).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return path
}

/** Every problem of `spec` that breaks openapi-typescript or its output, with drafts. */
export function findCodegenProblems(spec) {
  return [...duplicateOperationKeys(spec), ...discriminatorClashes(spec)]
}

/** The key openapi-typescript gives an operation in the generated `operations` type. */
const operationKey = (operationId) => String(operationId).replace(/#/g, '/')

function duplicateOperationKeys(spec) {
  const problems = []
  const seen = new Map() // key → the first operation under it
  const ids = new Set()
  const operations = []
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method]
      if (typeof operation?.operationId !== 'string') continue
      operations.push({ path, method, operationId: operation.operationId })
      ids.add(operation.operationId)
    }
  }
  for (const operation of operations) {
    const key = operationKey(operation.operationId)
    const first = seen.get(key)
    if (!first) {
      seen.set(key, operation)
      continue
    }
    const renamed = uniqueName(operation, first, ids)
    ids.add(renamed)
    seen.set(operationKey(renamed), { ...operation, operationId: renamed })
    const same = first.operationId === operation.operationId
    const where = `${first.method.toUpperCase()} ${first.path}`
    problems.push({
      rule: 'duplicate-operation-key',
      pointer: pointerOf(['paths', operation.path, operation.method, 'operationId']),
      message: same
        ? `operationId "${operation.operationId}" is also the id of ${where}; operation ids must be unique`
        : `operationId "${operation.operationId}" becomes the key "${key}" of the generated \`operations\` type, ` +
          `as "${first.operationId}" of ${where} does (openapi-typescript writes # as /)`,
      action: {
        target: targetOf(['paths', operation.path, operation.method]),
        description:
          `${operation.method.toUpperCase()} ${operation.path} has the operationId "${operation.operationId}", ` +
          `${same ? 'which' : 'whose key in the generated types'} ${where} has first; two operations cannot share ` +
          `it, so this later one is renamed "${renamed}". Drafted automatically: pick a better name if you like ` +
          '(callers use it as a key of the `operations` type).',
        update: { operationId: renamed },
      },
    })
  }
  return problems
}

/** A new operationId for `operation`: its id and the first path segment it does not share with `first`. */
function uniqueName(operation, first, ids) {
  const separator = operation.operationId.includes('_') ? '_' : operation.operationId.includes('-') ? '-' : ''
  const join = (word) =>
    separator
      ? `${operation.operationId}${separator}${word.toLowerCase()}`
      : `${operation.operationId}${capitalized(word)}`
  const firstSegments = new Set(first.path.split('/'))
  const distinct = operation.path
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{') && !firstSegments.has(segment))
    .map((segment) => segment.replace(/[^A-Za-z0-9]+/g, ' ').trim())
    .filter(Boolean)
  const candidates = distinct.length > 0 ? [join(words(distinct[0]))] : []
  for (const candidate of candidates) if (!ids.has(candidate)) return candidate
  for (let n = 2; ; n++) {
    const candidate = `${operation.operationId}${separator || '_'}${n}`
    if (!ids.has(candidate)) return candidate
  }
}

const capitalized = (word) => word.charAt(0).toUpperCase() + word.slice(1)
const words = (text) =>
  text
    .split(' ')
    .map((word, index) => (index === 0 ? word : capitalized(word)))
    .join('')

/** Calls `visit(node, segments)` for every object of `document`, in document order. */
function walk(node, visit, segments = []) {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) walk(item, visit, [...segments, String(index)])
    return
  }
  visit(node, segments)
  for (const [key, value] of Object.entries(node)) walk(value, visit, [...segments, key])
}

const lastSegment = (ref) => segmentsOf(ref).pop()

/**
 * Mirrors openapi-typescript 7's discriminator handling (lib/utils.mjs scanDiscriminators and
 * the allOf branch of transform/schema-object.mjs): which schemas inherit a discriminator, which
 * of them it types from the mapping, and which get the property injected as their own name.
 */
function discriminatorClashes(spec) {
  const owners = new Map() // pointer → { discriminator, owner: pointer of the schema that declares it }
  const handled = new Set()
  walk(spec, (node, segments) => {
    const discriminator = node.discriminator
    if (!discriminator?.propertyName) return
    const pointer = pointerOf(segments)
    owners.set(pointer, { discriminator, owner: pointer })
    if (!Array.isArray(node.oneOf)) return
    for (const item of node.oneOf) if (typeof item?.$ref === 'string') handled.add(item.$ref)
    for (const ref of Object.values(discriminator.mapping ?? {})) if (ref) handled.add(ref)
  })
  walk(spec, (node, segments) => {
    if (!Array.isArray(node.allOf)) return
    const pointer = pointerOf(segments)
    for (const [index, item] of node.allOf.entries()) {
      if (typeof item?.$ref === 'string') {
        const inherited = owners.get(item.$ref)
        if (!inherited) return
        const mapping = inherited.discriminator.mapping ?? {}
        if (Object.values(mapping).includes(pointer)) handled.add(pointer)
        owners.set(pointer, inherited)
      } else if (item?.discriminator?.propertyName) {
        owners.set(pointer, {
          discriminator: item.discriminator,
          owner: pointerOf([...segments, 'allOf', String(index)]),
        })
      }
    }
  })
  const problems = []
  walk(spec, (node, segments) => {
    if (node.discriminator || !(Array.isArray(node.allOf) || Array.isArray(node.anyOf))) return
    const pointer = pointerOf(segments)
    const inherited = owners.get(pointer)
    if (!inherited || handled.has(pointer)) return
    const { discriminator, owner } = inherited
    const name = discriminator.propertyName
    const own = node.properties?.[name]
    if (own === undefined) return
    const mapping = discriminator.mapping ?? {}
    const schemaName = segments.at(-1)
    const injected =
      Object.entries(mapping).find(([, ref]) => ref === schemaName || lastSegment(ref) === schemaName)?.[0] ??
      schemaName
    const value = singleValue(own, spec)
    const propertyPointer = pointerOf([...segments, 'properties', name])
    const problem = {
      rule: 'discriminator-const-clash',
      pointer: propertyPointer,
      message:
        `this schema extends ${owner} (discriminator on "${name}"), whose mapping does not list it, so ` +
        `openapi-typescript adds \`${name}: "${injected}"\` beside the schema's own "${name}"` +
        `${value === undefined ? '' : ` (${JSON.stringify(value)})`}: the generated type declares it twice and does not compile`,
    }
    const taken = value === undefined ? undefined : mapping[value]
    if (value === undefined) {
      problem.message += `; map its value in ${owner}/discriminator/mapping (no single const or enum value to draft it from)`
    } else if (taken !== undefined && taken !== pointer) {
      problem.message += `; the mapping already sends ${JSON.stringify(value)} to ${taken}: fix it by hand`
    } else {
      const ownerSegments = segmentsOf(owner)
      const hasMapping = discriminator.mapping && typeof discriminator.mapping === 'object'
      problem.action = {
        target: targetOf(
          hasMapping ? [...ownerSegments, 'discriminator', 'mapping'] : [...ownerSegments, 'discriminator'],
        ),
        description:
          `${schemaName} extends ${lastSegment(owner)} and sets its discriminator "${name}" to ${JSON.stringify(value)}, ` +
          `but the discriminator's mapping does not list it, so openapi-typescript types "${name}" twice there ` +
          `(as "${injected}" and as ${JSON.stringify(value)}) and the generated code does not compile. ` +
          `Map ${JSON.stringify(value)} to ${schemaName}, as the schema itself says. Drafted automatically.`,
        update: hasMapping ? { [value]: pointer } : { mapping: { [value]: pointer } },
      }
    }
    problems.push(problem)
  })
  return problems
}

/** The one value a property schema allows (a `const`, or an enum of one), through one $ref. */
function singleValue(schema, spec) {
  const resolved =
    typeof schema?.$ref === 'string' && schema.$ref.startsWith('#')
      ? segmentsOf(schema.$ref).reduce((node, key) => node?.[key], spec)
      : schema
  if (resolved && typeof resolved === 'object') {
    if (typeof resolved.const === 'string') return resolved.const
    if (Array.isArray(resolved.enum) && resolved.enum.length === 1 && typeof resolved.enum[0] === 'string')
      return resolved.enum[0]
  }
  return undefined
}

/** One line per problem: rule, where, what; a drafted fix is said to exist. */
export function describeCodegenProblems(problems) {
  return problems
    .map(
      (problem) =>
        `  ${problem.rule} at ${problem.pointer}: ${problem.message}${problem.action ? ' (fix drafted)' : ''}`,
    )
    .join('\n')
}

/**
 * openapi-typescript's own failure (its validator throws an Error whose message ends with
 * "at #/pointer") as a message for the user.
 */
export function generatorFailure(source, error) {
  const message = String(error?.message ?? error).trim()
  return new UserError(
    `${source}: openapi-typescript could not generate types from the final spec: ${message}` +
      (/ at #\//.test(message)
        ? ''
        : ' (no JSON pointer given; run `pnpm generate` with DEBUG=openapi-ts:* to see more)'),
  )
}
