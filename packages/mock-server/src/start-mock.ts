import { createLogger } from '@stoplight/prism-core'
import { createInstance, type IHttpConfig, type IHttpRequest } from '@stoplight/prism-http'
import type { FaultOptions } from './faults.js'
import { restoreMockGenerator } from './generator-options.js'
import { decodeBody, encodeBody, isJsonFamily, mediaTypeOf } from './media-types.js'
import { loadOperations } from './operations.js'
import { parsePrefer } from './prefer.js'
import { type Answer, type MockServer, problem, type RecordedRequest, serve } from './serve.js'
import { type SpecInput, specSource } from './spec-source.js'
import { loadSpecValidator, type SpecValidator } from './spec-validator.js'
import { type StatefulApi, type StatefulEngine, statefulEngine, type WebhookOptions } from './stateful/engine.js'
import { profileFor } from './stateful/profiles.js'
import { match, routesOf } from './stateful/routes.js'
import type { Violation } from './violations.js'

export interface MockOptions {
  /** Provider whose shipped spec to serve, e.g. `'quo'` (needs `@textbridge/quo` installed). */
  provider?: string
  /** Or any OpenAPI 3.x spec: a file path, a `file:` URL, or the document. */
  spec?: SpecInput
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number
  /** Answer with random schema-valid bodies instead of the documented examples. @default false */
  dynamic?: boolean
  /** Seed for dynamic bodies, so a run can be repeated. @default undefined (random) */
  seed?: string | number
  /** Prism's log level on stderr. @default 'silent' */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug'
  /** Inject faults (rate limits, 5xx, resets, hangs, slow or broken bodies). @default none */
  faults?: FaultOptions
  /**
   * Play the provider: a valid send is stored and answered from what was sent, `get` and
   * `list` answer from what was sent and received (requests are still validated). Needs
   * `provider`. @default false
   */
  stateful?: boolean
  /** Stateful mocks: send signed status and reply webhooks (see the README). @default none */
  webhooks?: WebhookOptions
}

/** A stateful mock: the server, its stored messages, and its webhooks. */
export type StatefulMockServer = MockServer & StatefulApi

/**
 * Starts a Prism mock of a provider's spec inside this process, on a free port.
 * Nothing is spawned, so nothing can outlive the process; `close()` frees the port.
 */
export async function startMock(options: MockOptions & { stateful: true }): Promise<StatefulMockServer>
export async function startMock(options: MockOptions): Promise<MockServer>
export async function startMock(options: MockOptions): Promise<MockServer | StatefulMockServer> {
  const source = specSource(options)
  const operations = await loadOperations(source)
  if (operations.length === 0) throw new Error('the spec has no operations to mock')
  if (options.webhooks !== undefined && options.stateful !== true) {
    throw new TypeError('webhooks needs stateful: true (a static mock stores nothing to report on)')
  }
  let stateful: StatefulEngine | undefined
  if (options.stateful === true) {
    const { document } = loadSpecValidator(options)
    stateful = statefulEngine(
      profileFor(options.provider, { document, apiVersion: options.webhooks?.apiVersion }),
      options.webhooks,
    )
  }
  const routes = routesOf(operations)

  const logger = createLogger('textbridge-mock', { level: options.logLevel ?? 'silent' })
  const baseConfig: IHttpConfig = {
    isProxy: false,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    mock: {
      dynamic: options.dynamic ?? false,
      ...(options.seed === undefined ? {} : { seed: String(options.seed) }),
    },
  }
  const prism = createInstance(baseConfig, { logger })
  restoreMockGenerator()
  let checker: SpecValidator | undefined
  const spec = () => {
    checker ??= loadSpecValidator(options)
    return checker
  }

  async function answer(record: RecordedRequest): Promise<Answer> {
    let preferences: ReturnType<typeof parsePrefer>
    try {
      preferences = parsePrefer(record.headers.prefer)
    } catch (error) {
      return problem(422, 'Invalid Prefer header', (error as Error).message)
    }
    const url = new URL(record.url, 'http://mock.invalid')
    const input: IHttpRequest = {
      method: record.method.toLowerCase() as IHttpRequest['method'],
      url: { path: url.pathname, query: queryOf(url.searchParams) },
      headers: record.headers,
      body: decodeBody(record.body, record.headers['content-type']),
    }
    const config: IHttpConfig = {
      ...baseConfig,
      mock: {
        ...baseConfig.mock,
        ...(preferences.code === undefined ? {} : { code: preferences.code }),
        ...(preferences.dynamic === undefined ? {} : { dynamic: preferences.dynamic }),
        ...(preferences.seed === undefined ? {} : { seed: preferences.seed }),
        ...(preferences.example === undefined ? {} : { exampleKey: preferences.example }),
      },
    }
    const result = await prism.request(input, operations, config)()
    const route = match(routes, input.method, input.url.path)
    const dynamic = config.mock.dynamic === true && route !== undefined
    if (result._tag === 'Left') {
      const error = result.left as PrismError
      // No status of its own: the body generator failed (json-schema-faker throws on some
      // unions and recursive schemas), not a check of the request.
      const failed = dynamic && error.status === undefined && !error.additional?.validation?.length
      const fitted = failed ? fittingAnswer(route.operationId, preferences.code) : undefined
      return fitted ?? prismError(error)
    }
    const { output, validations } = result.right
    let violations: Violation[] = [
      ...validations.input.map((v) => toViolation('request', v)),
      ...validations.output.map((v) => toViolation('response', v)),
    ]
    const headers: Record<string, string> = { ...(output.headers ?? {}) }
    const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1]
    let status = output.statusCode
    let body: unknown = output.body
    const valid = !violations.some((v) => v.location[0] === 'request' && v.severity === 'Error')
    const mediaType = mediaTypeOf(contentType)
    if (dynamic && valid && mediaType && isJsonFamily(mediaType)) {
      // Prism's dynamic bodies come from json-schema-faker, which does not keep to every schema
      // (a `$ref` used more often than its random budget allows becomes that $ref's annotations,
      // `{ description, examples }`): a body that breaks the documented schema is replaced by
      // one that fits, found as a request's is (Prism itself only logs the break; stoplightio/
      // prism#2384 asks it for the same).
      const checks = spec()
      if (checks.validateResponse(route.operationId, status, body, mediaType).length > 0) {
        const sample = checks.sampleResponse(route.operationId, status, mediaType)
        if (sample) {
          body = sample.body
          violations = violations.filter((v) => !(v.location[0] === 'response' && v.location[1] === 'body'))
        }
      }
    }
    if (stateful && route && valid && status >= 200 && status < 300) {
      const replaced = await stateful.answer({
        operationId: route.operationId,
        path: route.params,
        query: url.searchParams,
        body: input.body,
        example: output.body,
        rerun: async (code) => {
          const again = await prism.request(input, operations, { ...config, mock: { ...config.mock, code } })()
          return again._tag === 'Left'
            ? { status: code, body: undefined }
            : { status: again.right.output.statusCode, body: again.right.output.body }
        },
      })
      if (replaced) {
        status = replaced.status
        body = replaced.body
      }
    }
    if (violations.length > 0) headers['sl-violations'] = violationHeader(violations)
    return { status, headers, body: encodeBody(body, contentType), violations }
  }

  /** The answer Prism's dynamic mode failed to give: the status asked for (else the first documented success) with a body that fits. */
  function fittingAnswer(operationId: string, code: number | undefined): Answer | undefined {
    const checks = spec()
    const statuses = checks.operations().find((operation) => operation.operationId === operationId)?.statuses ?? []
    const status =
      code ??
      statuses
        .filter((candidate) => /^2\d\d$/.test(candidate))
        .map(Number)
        .sort((a, b) => a - b)[0]
    if (status === undefined) return undefined
    const sample = checks.sampleResponse(operationId, status)
    if (!sample) return undefined
    return {
      status,
      headers: { 'content-type': sample.mediaType },
      body: encodeBody(sample.body, sample.mediaType),
      violations: [],
    }
  }

  const server = await serve({ answer, host: options.host, port: options.port, faults: options.faults })
  if (!stateful) return server
  return withStateful(server, stateful)
}

/** The server with the engine's API on it; close() stops the engine's timers and deliveries first. */
function withStateful(server: MockServer, engine: StatefulEngine): StatefulMockServer {
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= engine.close().then(() => server.close())
    return closing
  }
  return {
    get url() {
      return server.url
    },
    get port() {
      return server.port
    },
    get requests() {
      return server.requests
    },
    clearRequests: () => server.clearRequests(),
    setFaults: (faults) => server.setFaults(faults),
    faultCounts: () => server.faultCounts(),
    messages: engine.messages,
    deliveries: engine.deliveries,
    webhookSecret: engine.webhookSecret,
    eventTypes: engine.eventTypes,
    deliver: (event, deliverOptions) => engine.deliver(event, deliverOptions),
    idle: () => engine.idle(),
    close,
    [Symbol.asyncDispose]: close,
  }
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key)
    query[key] = values.length === 1 ? (values[0] as string) : values
  }
  return query
}

interface PrismDiagnostic {
  path?: (string | number)[]
  severity: number
  code?: string | number
  message: string
}

const SEVERITY = ['Error', 'Warning', 'Information', 'Hint'] as const

function toViolation(prefix: 'request' | 'response', diagnostic: PrismDiagnostic): Violation {
  return {
    location: [prefix, ...(diagnostic.path ?? []).map(String)],
    severity: SEVERITY[diagnostic.severity] ?? 'Error',
    code: diagnostic.code ?? 'unknown',
    message: diagnostic.message,
  }
}

const MAX_HEADER = 8 * 1024 - 100

/**
 * The violations as the `sl-violations` header: always whole JSON, so that a reader can tell
 * the request's from the response's. Where they do not all fit, the request's come first and
 * as many whole entries as fit are kept, after "Too many violations! " (Prism CLI's prefix).
 */
function violationHeader(violations: Violation[]): string {
  const value = JSON.stringify(violations)
  if (value.length <= MAX_HEADER) return value
  const ordered = [
    ...violations.filter((violation) => violation.location[0] === 'request'),
    ...violations.filter((violation) => violation.location[0] !== 'request'),
  ]
  const kept: string[] = []
  let length = 2
  for (const violation of ordered) {
    const entry = JSON.stringify(violation)
    if (length + entry.length + 1 > MAX_HEADER) break
    kept.push(entry)
    length += entry.length + 1
  }
  return `Too many violations! [${kept.join(',')}]`
}

interface PrismError extends Error {
  status?: number
  detail?: string
  additional?: {
    headers?: Record<string, string>
    validation?: (Omit<Violation, 'location'> & { location?: string[] })[]
  }
}

/** Prism's own answers (no documented error response fits): problem+json, violations kept. */
function prismError(error: PrismError): Answer {
  const { headers = {}, validation, ...extra } = error.additional ?? {}
  const status = error.status ?? 500
  const violations: Violation[] = (validation ?? []).map((v) => ({
    ...v,
    location: ['request', ...(v.location ?? [])],
  }))
  if (status === 401 && violations.length === 0) {
    violations.push({ location: ['request'], severity: 'Error', code: 401, message: error.message })
  }
  const answer = problem(status, error.message, error.detail ?? '', { ...extra, ...(validation ? { validation } : {}) })
  for (const [name, value] of Object.entries(headers)) answer.headers[name] = String(value)
  if (violations.length > 0) answer.headers['sl-violations'] = violationHeader(violations)
  return { ...answer, violations }
}
