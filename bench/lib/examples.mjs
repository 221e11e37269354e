// The answer of every provider operation, taken from the final spec the generator wrote
// (packages/<provider>/src/generated/openapi.json): the mock server's static mode composes it
// from the spec's examples, once, and the bench serves those bytes on every call.
import { loadSpecValidator, startMock } from '@textbridge/mock-server'

export const PROVIDERS = ['quo', 'signalwire', 'textus']

/**
 * Per provider and operationId (of those in `wanted`, keys like 'quo sendMessage_v1'): the
 * sample request that keeps to the spec, and the example answer (status, content type, body
 * bytes).
 * @returns {Promise<Map<string, { provider: string, operationId: string, method: string, path: string,
 *   request: import('@textbridge/mock-server').SampleRequest, status: number, contentType: string, body: Buffer }>>}
 */
export async function loadExamples(wanted) {
  const examples = new Map()
  for (const provider of PROVIDERS) {
    const spec = loadSpecValidator({ provider })
    const mock = await startMock({ provider })
    try {
      for (const operation of spec.operations()) {
        if (!wanted.has(`${provider} ${operation.operationId}`)) continue
        const request = spec.sampleRequest(operation.operationId)
        const answer = await fetch(mock.url + fillPath(request.path, request.params.path) + queryOf(request), {
          method: request.method,
          headers: {
            ...request.params.header,
            ...credentialsFor(provider),
            ...(request.body === undefined ? {} : { 'content-type': request.mediaType ?? 'application/json' }),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        })
        const body = Buffer.from(await answer.arrayBuffer())
        if (!answer.ok) {
          throw new Error(`${provider} ${operation.operationId}: the mock answered ${answer.status}: ${body}`)
        }
        const problems = spec.validateResponse(operation.operationId, answer.status, JSON.parse(body.toString()))
        if (problems.length > 0) throw new Error(`${provider} ${operation.operationId}: ${problems.join('; ')}`)
        examples.set(`${provider} ${operation.operationId}`, {
          provider,
          operationId: operation.operationId,
          method: request.method,
          path: request.path,
          request,
          status: answer.status,
          contentType: answer.headers.get('content-type') ?? 'application/json',
          body,
        })
      }
    } finally {
      await mock.close()
    }
  }
  return examples
}

/** Credentials the mocks accept: the specs check presence only. */
export function credentialsFor(provider) {
  if (provider === 'signalwire') return { authorization: `Basic ${btoa('project:token')}` }
  if (provider === 'textus') return { authorization: 'Bearer token' }
  return { authorization: 'key' }
}

export function fillPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(values[name])))
}

export function queryOf(request) {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(request.params.query)) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item))
  }
  const text = query.toString()
  return text ? `?${text}` : ''
}
