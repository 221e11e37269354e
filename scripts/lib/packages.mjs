// The publishable packages: every packages/* whose package.json is not private. Packing,
// publint, attw, the browser bundle check, size budgets, API docs and the consumer tests all
// walk this list, so a new package is checked as soon as its folder exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
const PACKAGES_DIR = join(ROOT, 'packages')

/**
 * Publishable packages that are Node tools rather than runtime code, with the reason. Only
 * they may import `node:` built-ins; every other package must run wherever `fetch` exists
 * (Node, Deno, Bun, browsers, edge workers).
 */
export const NODE_ONLY = {
  '@textbridge/mock-server': 'a test tool: Prism behind a node:http server, plus a CLI',
}

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name       npm name, e.g. `@textbridge/quo`
 * @property {string} folder     folder under packages/, e.g. `quo`
 * @property {string} dir        absolute path of that folder
 * @property {Record<string, any>} manifest  its package.json
 * @property {boolean} runsEverywhere  false for the NODE_ONLY tools
 */

/** Every package of packages/*, private ones included. @returns {WorkspacePackage[]} */
export function workspacePackages() {
  return readdirSync(PACKAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PACKAGES_DIR, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(PACKAGES_DIR, entry.name)
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return { name: manifest.name, folder: entry.name, dir, manifest, runsEverywhere: !(manifest.name in NODE_ONLY) }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The packages that get published: not `"private": true`. @returns {WorkspacePackage[]} */
export function publishablePackages() {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true)
}

/** Names of the private workspace packages: none may appear in a published tarball. */
export function privatePackageNames() {
  return workspacePackages()
    .filter((pkg) => pkg.manifest.private === true)
    .map((pkg) => pkg.name)
}

/**
 * The JavaScript entry files of a package, one per `exports` subpath and module condition
 * (`import` → dist/index.mjs, `require` → dist/index.cjs). Data subpaths such as
 * `./openapi.json` and `./package.json` are not code and are left out.
 * @returns {{ subpath: string, condition: 'import' | 'require', file: string }[]}
 */
export function entryFiles(manifest) {
  const entries = []
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    for (const condition of /** @type {const} */ (['import', 'require'])) {
      const file = pickTarget(target, condition)?.replace(/^\.\//, '')
      const seen = entries.some((entry) => entry.subpath === subpath && entry.file === file)
      if (file && /\.[cm]?js$/.test(file) && !seen) entries.push({ subpath, condition, file })
    }
  }
  return entries
}

/** The file a conditional `exports` target gives for one condition (types aside). */
function pickTarget(target, condition) {
  if (typeof target === 'string') return target
  if (target === null || typeof target !== 'object') return undefined
  for (const [key, value] of Object.entries(target)) {
    if (key === 'types') continue
    if (key === condition || key === 'default' || key === 'node') {
      const file = pickTarget(value, condition)
      if (file) return file
    }
  }
  return undefined
}

/** The export subpaths that point at JSON data, e.g. `./openapi.json` (not `./package.json`). */
export function dataSubpaths(manifest) {
  return Object.entries(manifest.exports ?? {})
    .filter(
      ([subpath, target]) => subpath !== './package.json' && typeof target === 'string' && target.endsWith('.json'),
    )
    .map(([subpath]) => subpath)
}
