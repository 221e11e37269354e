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
export function walkOperations(options: { provider?: string; spec?: SpecInput }): OperationWalk[] {
  const spec = loadSpecValidator(options)
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
    const { data, error, response } = await call(request.method, request.path, {
      params: request.params,
      ...(request.body === undefined ? {} : { body: request.body }),
      headers: {
        ...(request.mediaType ? { 'Content-Type': request.mediaType } : {}),
        ...(prefer ? { Prefer: prefer } : {}),
      },
      parseAs: 'text',
    })
    // openapi-fetch hands over a success body as text here, but parses an error body itself.
    const raw = response.ok ? data : error
    const json = /\bjson\b|\+json/i.test(response.headers.get('content-type') ?? '')
    const body = typeof raw === 'string' ? (raw && json ? JSON.parse(raw) : raw || undefined) : raw
    return { response, body }
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
          const { response, body } = await send(call, operationId, 'dynamic=true, seed=7')
          const status = statusProblem(response.status, successes)
          return status.length > 0 ? status : spec.validateResponse(operationId, response.status, body)
        },
      },
      ...errors.map(
        (code): OperationCheck => ({
          name: `answers Prefer: code=${code} with that documented status and a body that fits`,
          async run(call) {
            const { response, body } = await send(call, operationId, `code=${code}`)
            const status = statusProblem(response.status, [code])
            return status.length > 0 ? status : spec.validateResponse(operationId, code, body)
          },
        }),
      ),
    ]
    return { operationId, method, path, checks }
  })
}
