import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A spec file's path, a `file:` URL, or the parsed document itself. */
export type SpecInput = string | URL | Record<string, unknown>

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]*$/

/**
 * Finds the final spec a provider package ships as `@textbridge/<provider>/openapi.json`:
 * first from the current project (where a user installed the provider package), then
 * from this package's own location.
 */
export function resolveProviderSpec(provider: string): string {
  if (!PROVIDER_NAME.test(provider)) {
    throw new TypeError(`provider must be a package name like "quo" (lower-case letters, digits, dashes)`)
  }
  const request = `@textbridge/${provider}/openapi.json`
  const bases = [join(process.cwd(), 'package.json'), fileURLToPath(import.meta.url)]
  for (const base of bases) {
    try {
      return createRequire(base).resolve(request)
    } catch {
      // not installed from this base; try the next one
    }
  }
  throw new Error(
    `No spec found for provider "${provider}": install @textbridge/${provider} (it ships openapi.json) or pass { spec }.`,
  )
}

/** What Prism is given: a path it reads itself (so relative $refs work) or a document. */
export function specSource(options: { provider?: string; spec?: SpecInput }): string | Record<string, unknown> {
  const { provider, spec } = options
  if (spec !== undefined && provider !== undefined) {
    throw new TypeError('pass either provider or spec, not both')
  }
  if (spec instanceof URL) return specPath(fileURLToPath(spec))
  if (typeof spec === 'string') return specPath(resolve(spec))
  if (spec !== undefined) {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new TypeError('spec must be a file path, a file: URL, or an OpenAPI document object')
    }
    return spec
  }
  if (provider !== undefined) return resolveProviderSpec(provider)
  throw new TypeError('startMock needs a provider (e.g. "quo") or a spec')
}

function specPath(path: string): string {
  if (!existsSync(path)) throw new Error(`spec file not found: ${path}`)
  return path
}
