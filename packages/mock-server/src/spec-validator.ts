import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse as parseYaml } from 'yaml'
import { isJsonFamily } from './media-types.js'
import { escapePointer, follow } from './pointers.js'
import { fittingValue, type SampleContext, type SampleRequest, sampleRequest } from './sample-request.js'
import { type SpecInput, specSource } from './spec-source.js'

/** One operation of a spec, as a contract test walks it. */
export interface SpecOperation {
  operationId: string
  method: string
  path: string
  /** Documented response statuses, as written in the spec ('200', '4XX', 'default'). */
  statuses: string[]
}

export interface SpecValidator {
  /** The spec document. */
  readonly document: Record<string, unknown>
  /** Every operation of the spec, in document order. */
  operations(): SpecOperation[]
  /**
   * Checks a response body against the schema the spec documents for that operation,
   * status and media type. Returns the problems found; an empty list means it conforms.
   */
  validateResponse(operationId: string, status: number, body: unknown, mediaType?: string): string[]
  /**
   * A request to the operation that keeps to the spec: its required parameters and its body,
   * taken from the spec's examples, or sampled from the schemas where there are none.
   */
  sampleRequest(operationId: string): SampleRequest
  /**
   * A body for that operation, status and media type that fits the documented schema (one of
   * its examples, or a sample of the schema); undefined when the status documents no body or
   * nothing found fits.
   */
  sampleResponse(
    operationId: string,
    status: number,
    mediaType?: string,
  ): { body: unknown; mediaType: string } | undefined
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Loads a spec (a provider's shipped one, a file, or a document) for response checks. */
export function loadSpecValidator(options: { provider?: string; spec?: SpecInput }): SpecValidator {
  const source = specSource(options)
  const document =
    typeof source === 'string'
      ? (parseDocument(readFileSync(source, 'utf8'), source) as Record<string, unknown>)
      : (structuredClone(source) as Record<string, unknown>)
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  addFormats.default(ajv)
  ajv.addSchema(document, 'spec')

  const paths = (document.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>
  const operations: (SpecOperation & { pointer: string; responses: Record<string, unknown> })[] = []
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item?.[method]
      if (!operation) continue
      const responses = (operation.responses ?? {}) as Record<string, unknown>
      operations.push({
        operationId: String(operation.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        statuses: Object.keys(responses),
        pointer: `/paths/${escapePointer(path)}/${method}`,
        responses,
      })
    }
  }

  const sampling: SampleContext = {
    document,
    fits(pointer, value) {
      const validate = ajv.getSchema(`spec#${pointer}`)
      return validate ? validate(value) === true : true
    },
  }

  return {
    document,
    operations: () =>
      operations.map(({ operationId, method, path, statuses }) => ({ operationId, method, path, statuses })),
    sampleRequest(operationId) {
      const found = operations.find((candidate) => candidate.operationId === operationId)
      if (!found) throw new Error(`the spec has no operation "${operationId}"`)
      return sampleRequest(sampling, operationId, found.method, found.path)
    },
    sampleResponse(operationId, status, mediaType) {
      const media = responseMedia(operationId, status, mediaType)
      if (typeof media === 'string' || media.pointer === undefined) return undefined
      const found = fittingValue(sampling, media.pointer)
      return found && { body: found.value, mediaType: media.mediaType }
    },
    validateResponse(operationId, status, body, mediaType) {
      const media = responseMedia(operationId, status, mediaType)
      if (typeof media === 'string') return [media]
      if (media.pointer === undefined) {
        return body === undefined || body === '' ? [] : [`${operationId} ${media.statusKey} documents no body, got one`]
      }
      const validate = ajv.getSchema(`spec#${media.pointer}/schema`)
      if (!validate) return [`${operationId} ${media.statusKey} ${media.mediaType} has no schema`]
      if (validate(body)) return []
      return (validate.errors ?? []).map(
        (error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`,
      )
    },
  }

  /** The media type object the spec documents for a response (no pointer: it has no body), or a problem. */
  function responseMedia(
    operationId: string,
    status: number,
    mediaType: string | undefined,
  ): { statusKey: string; pointer?: string; mediaType: string } | string {
    const operation = operations.find((candidate) => candidate.operationId === operationId)
    if (!operation) return `the spec has no operation "${operationId}"`
    const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in operation.responses)
    if (!statusKey) return `${operationId} documents no response for status ${status}`
    // A response may be a $ref to components/responses: validate against the schema there.
    const response = follow(
      document,
      operation.responses[statusKey],
      `${operation.pointer}/responses/${escapePointer(statusKey)}`,
    )
    const content = (response?.node.content ?? {}) as Record<string, unknown>
    const mediaTypes = Object.keys(content)
    if (mediaTypes.length === 0) return { statusKey, mediaType: '' }
    const chosen = mediaType
      ? mediaTypes.find((candidate) => candidate.toLowerCase() === mediaType.toLowerCase())
      : (mediaTypes.find((candidate) => isJsonFamily(candidate)) ?? mediaTypes[0])
    if (!chosen) return `${operationId} ${statusKey} documents no ${mediaType} body`
    return { pointer: `${response?.pointer}/content/${escapePointer(chosen)}`, mediaType: chosen, statusKey }
  }
}

function parseDocument(text: string, name: string): unknown {
  return name.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
}
