import { mediaTypeOf } from './media-types.js'
import type { Node } from './pointers.js'
import type { SpecInput } from './spec-source.js'
import { loadSpecValidator } from './spec-validator.js'
import { violationsOf } from './violations.js'

/** An openapi-fetch client's `request` method, called untyped (the operations are data here). */
export type OperationCall = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>

/** One check of one operation: its problems, none when the mock and the spec agree. */
export interface OperationCheck {
  /** What it checks, as a test name. */
  name: string
  run(call: OperationCall): Promise<string[]>
}

export interface OperationWalk {
  operationId: string
  method: string
  path: string
  checks: OperationCheck[]
}

/**
 * The contract checks of every operation of a spec, for a test runner to run against a mock of
 * that spec: a request built from the spec gets a documented success status and no violation;
 * `Prefer: dynamic=true` gets a body that fits the success schema; `Prefer: code=N` gets each
 * documented error status with a body that fits it. Nothing is written per operation, so an
 * operation the spec gains is checked too.
 */
export function walkOperations(options: {
  provider?: string
  spec?: SpecInput
  /**
   * The security schemes whose credentials the client the checks are run with carries. An
   * operation that none of them satisfies is sent placeholder credentials of a scheme it asks
   * for (the mock checks their presence and form, not their value). @default the schemes of the
   * spec's first security requirement (the top-level one, else the first operation's), which
   * a client from `pnpm new-provider` carries
   */
  credentials?: string[]
}): OperationWalk[] {
  const spec = loadSpecValidator(options)
  const carried = new Set(options.credentials ?? defaultSchemes(spec.document))
  const samples = new Map<string, ReturnType<typeof spec.sampleRequest>>()
  const sampleOf = (operationId: string) => {
    let sample = samples.get(operationId)
    if (!sample) {
      sample = spec.sampleRequest(operationId)
      samples.set(operationId, sample)
    }
    return sample
  }

  async function send(call: OperationCall, operationId: string, prefer?: string) {
    const request = sampleOf(operationId)
    const credentials = credentialsFor(spec.document, request.method, request.path, carried)
    const { data, error, response } = await call(request.method, request.path, {
      params: { ...request.params, query: { ...request.params.query, ...credentials.query } },
      ...(request.body === undefined ? {} : { body: request.body }),
      headers: {
        ...credentials.header,
        ...(request.mediaType ? { 'Content-Type': request.mediaType } : {}),
        ...(prefer ? { Prefer: prefer } : {}),
      },
      parseAs: 'text',
    })
    // openapi-fetch hands over a success body as text here, but parses an error body itself.
    const raw = response.ok ? data : error
    const json = /\bjson\b|\+json/i.test(response.headers.get('content-type') ?? '')
    const body = typeof raw === 'string' ? (raw && json ? JSON.parse(raw) : raw || undefined) : raw
    // A response may document several media types (a 401 in text/plain and in JSON): the body
    // is checked against the schema of the one it came in.
    const mediaType = mediaTypeOf(response.headers.get('content-type') ?? undefined)
    return { response, body, mediaType }
  }

  return spec.operations().map(({ operationId, method, path, statuses }) => {
    const successes = statuses.filter((status) => /^2\d\d$/.test(status)).map(Number)
    const errors = statuses.filter((status) => /^[45]\d\d$/.test(status)).map(Number)
    const statusProblem = (status: number, expected: number[]) =>
      expected.includes(status) ? [] : [`status ${status}, not a documented ${expected.join(' / ')}`]
    const checks: OperationCheck[] = [
      {
        name: 'answers a request built from the spec with a documented success status and no violation of it',
        async run(call) {
          const { response } = await send(call, operationId)
          // The request's violations: a static mock body may break its own schema where the spec
          // gives no example (the mock engine writes "string" for a pattern), checked below.
          const violations = violationsOf(response)
            .filter((violation) => violation.location[0] === 'request')
            .map((violation) => `${violation.location.join('.')}: ${violation.message}`)
          return [...statusProblem(response.status, successes), ...violations]
        },
      },
      {
        name: 'answers Prefer: dynamic=true with a body that fits the documented success schema',
        async run(call) {
          const { response, body, mediaType } = await send(call, operationId, 'dynamic=true, seed=7')
          const status = statusProblem(response.status, successes)
          return status.length > 0 ? status : spec.validateResponse(operationId, response.status, body, mediaType)
        },
      },
      ...errors.map(
        (code): OperationCheck => ({
          name: `answers Prefer: code=${code} with that documented status and a body that fits`,
          async run(call) {
            const { response, body, mediaType } = await send(call, operationId, `code=${code}`)
            const status = statusProblem(response.status, [code])
            return status.length > 0 ? status : spec.validateResponse(operationId, code, body, mediaType)
          },
        }),
      ),
    ]
    return { operationId, method, path, checks }
  })
}

type Requirement = Record<string, unknown>

/** The schemes of the spec's first security requirement that names any: what a generated client carries. */
function defaultSchemes(document: Node): string[] {
  const lists: unknown[] = [document.security]
  for (const item of Object.values((document.paths ?? {}) as Record<string, Node>)) {
    for (const operation of Object.values(item ?? {})) {
      if (operation && typeof operation === 'object') lists.push((operation as Node).security)
    }
  }
  for (const list of lists) {
    if (!Array.isArray(list)) continue
    const named = (list as Requirement[]).find((requirement) => requirement && Object.keys(requirement).length > 0)
    if (named) return Object.keys(named)
  }
  return []
}

/**
 * What to add to an operation's request for its security, when the carried credentials meet
 * none of its requirements: placeholders for the first requirement whose schemes can all be
 * filled (HTTP basic and bearer, OAuth 2 and OpenID Connect as a bearer token, an API key in a
 * header, the query or a cookie).
 */
function credentialsFor(
  document: Node,
  method: string,
  path: string,
  carried: ReadonlySet<string>,
): { header: Record<string, string | null>; query: Record<string, string> } {
  const none = { header: {}, query: {} }
  const operation = ((document.paths as Record<string, Node> | undefined)?.[path]?.[method.toLowerCase()] ?? {}) as Node
  const requirements = (operation.security ?? document.security ?? []) as Requirement[]
  if (!Array.isArray(requirements) || requirements.length === 0) return none
  // Prism (5.16) reads a requirement of no scheme as "no Authorization header" (its optional
  // auth, stoplightio/prism#2395), so it refuses a request to an operation that needs no
  // credentials when the client sends its own anyway: such a request goes without them
  // (openapi-fetch drops a header set to null).
  if (requirements.every((requirement) => Object.keys(requirement ?? {}).length === 0)) {
    return { header: { Authorization: null }, query: {} }
  }
  const met = (requirement: Requirement) => Object.keys(requirement ?? {}).every((name) => carried.has(name))
  if (requirements.some(met)) return none
  const schemes = ((document.components as Node | undefined)?.securitySchemes ?? {}) as Record<string, Node>
  for (const requirement of requirements) {
    const credentials: { header: Record<string, string>; query: Record<string, string> } = { header: {}, query: {} }
    const filled = Object.keys(requirement).every((name) => fill(schemes[name], credentials))
    if (filled) return credentials
  }
  return none
}

function fill(scheme: Node | undefined, into: { header: Record<string, string>; query: Record<string, string> }) {
  if (!scheme) return false
  const http = String(scheme.scheme ?? '').toLowerCase()
  if (scheme.type === 'http' && http === 'basic') {
    into.header.Authorization = `Basic ${btoa('contract-test:contract-test')}`
  } else if (
    (scheme.type === 'http' && http === 'bearer') ||
    scheme.type === 'oauth2' ||
    scheme.type === 'openIdConnect'
  ) {
    into.header.Authorization = 'Bearer contract-test-token'
  } else if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
    if (scheme.in === 'header') into.header[scheme.name] = 'contract-test-key'
    else if (scheme.in === 'query') into.query[scheme.name] = 'contract-test-key'
    else if (scheme.in === 'cookie') into.header.Cookie = `${scheme.name}=contract-test-key`
    else return false
  } else {
    return false
  }
  return true
}
