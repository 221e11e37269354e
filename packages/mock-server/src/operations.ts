import { readFileSync } from 'node:fs'
import { transformOas3Operations } from '@stoplight/http-spec/oas3/operation'
import { bundleTarget } from '@stoplight/json'
import { getHttpOperationsFromSpec } from '@stoplight/prism-http'
import { parse as parseYaml } from 'yaml'

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>

/**
 * The operations Prism mocks, from a spec file or document. Prism's own loader inlines every
 * $ref before it bundles each operation again, which takes minutes on a large vendor document
 * (SignalWire's REST API: 253 operations, 912 schemas); a document whose $refs are all local is
 * bundled per operation straight away, as Prism's loader ends up doing. A spec with $refs to
 * other files is left to Prism, which reads those files.
 */
export async function loadOperations(source: string | Record<string, unknown>): Promise<Operations> {
  const document = typeof source === 'string' ? readDocument(source) : source
  if (typeof document?.openapi !== 'string' || hasExternalRef(document)) {
    return getHttpOperationsFromSpec(source as never)
  }
  // Bundling rewrites $refs in place, in the operations and in the components they use, so it
  // works on a copy; all operations are bundled at once and share the one bundle.
  const copy = structuredClone(document)
  const operations = transformOas3Operations(copy as never) as unknown as Operations
  const bundled = bundleTarget({
    document: { ...copy, __target__: operations },
    path: '#/__target__',
    cloneDocument: false,
  }) as Operations & { __bundled__?: unknown }
  const bundle = bundled.__bundled__
  return operations.map((operation) => (bundle === undefined ? operation : { ...operation, __bundled__: bundle }))
}

function readDocument(path: string): Record<string, unknown> | undefined {
  const text = readFileSync(path, 'utf8')
  try {
    return (/^\s*\{/.test(text) ? JSON.parse(text) : parseYaml(text)) as Record<string, unknown>
  } catch {
    // Prism says what is wrong with it.
    return undefined
  }
}

function hasExternalRef(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false
  if (Array.isArray(node)) return node.some(hasExternalRef)
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true
    if (typeof value === 'object' && hasExternalRef(value)) return true
  }
  return false
}
