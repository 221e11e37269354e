// The one bundler config of every publishable package (run from the package's folder).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { defineConfig } from 'tsdown'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
// One entry per code subpath of `exports` ('.' → src/index.ts, './quo' → src/quo.ts), plus the CLI.
const subpaths = Object.keys(typeof pkg.exports === 'object' ? pkg.exports : { '.': null })
const entry = subpaths
  .filter((subpath) => subpath.startsWith('.') && !/\.json$/.test(subpath))
  .map((subpath) => (subpath === '.' ? 'src/index.ts' : `src/${subpath.slice(2)}.ts`))
if (pkg.bin && existsSync('src/cli.ts')) entry.push('src/cli.ts')

/** Dependencies that ship their own CommonJS build next to their ES module build. */
function dualDependencies() {
  const require = createRequire(join(process.cwd(), 'package.json'))
  return Object.keys(pkg.dependencies ?? {}).filter((name) => {
    let manifest
    try {
      manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'))
    } catch {
      return false
    }
    const root = typeof manifest.exports === 'object' ? (manifest.exports['.'] ?? manifest.exports) : undefined
    return typeof root === 'object' && root.import !== undefined && root.require !== undefined
  })
}

/**
 * Our sources are ES modules, so the bundler gives every external `require` of the CJS build
 * Node's ESM interop (`__toESM(mod, 1)`: the default import is the whole `module.exports`).
 * That is what Node does for a CommonJS-only dependency, but a dual one such as openapi-fetch
 * is `import`ed as its ES build, whose default export its CJS build keeps in `exports.default`
 * (with `__esModule`): with the Node flag `createClient` was the module object and every CJS
 * consumer failed. For dual dependencies the flag goes, so both builds see the same default.
 * TODO: drop once tsdown stops forcing the flag (its issue "CJS emitted code forces an
 * incorrect interop flag"); the consumer tests' CJS runs fail if this is removed too early.
 */
function dualDependencyInterop(names) {
  return {
    name: 'textbridge:dual-dependency-interop',
    renderChunk(code, _chunk, options) {
      if (options.format !== 'cjs' || names.length === 0) return null
      return code.replace(
        /^let (\w+) = require\("([^"]+)"\);\n\1 = __toESM\(\1, 1\);$/gm,
        (line, binding, specifier) =>
          names.includes(specifier) ? `let ${binding} = __toESM(require(${JSON.stringify(specifier)}));` : line,
      )
    },
  }
}

export default defineConfig({
  cwd: process.cwd(),
  entry,
  format: ['esm', 'cjs'],
  // eager: the declarations of a bundled private package (provider-kit's webhook types, which
  // the provider packages re-export) are emitted only from a whole program, not file by file.
  dts: { eager: true },
  target: 'es2022',
  platform: pkg.bin ? 'node' : 'neutral',
  shims: true,
  clean: true,
  fixedExtension: true,
  sourcemap: false,
  plugins: [dualDependencyInterop(dualDependencies())],
})
