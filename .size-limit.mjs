// Size budgets, minified and gzipped, of every JavaScript entry of every publishable package:
// checked by test/packaging/sizes.test.ts (so in CI) and listed in the README's size table.
// A new package needs its budgets here; the test says so when they are missing.
import { entryFiles, publishablePackages } from './scripts/lib/packages.mjs'

/**
 * Per package and `exports` subpath: `withDependencies` is what an app's bundle grows by
 * (openapi-fetch included), `ownCode` is our code alone. A Node tool has `ownCode` only:
 * its dependencies (Prism) are not bundled by anyone.
 */
/** @type {Record<string, Record<string, { withDependencies?: string, ownCode?: string }>>} */
export const BUDGETS = {
  '@textbridge/mock-server': { '.': { ownCode: '7.2 kB' } },
  '@textbridge/quo': { '.': { withDependencies: '3.7 kB', ownCode: '1.45 kB' } },
  '@textbridge/signalwire': { '.': { withDependencies: '4 kB', ownCode: '1.8 kB' } },
  '@textbridge/textus': { '.': { withDependencies: '3.9 kB', ownCode: '1.7 kB' } },
  // pnpm new-provider adds a new provider's budgets above this line.
  textbridge: {
    '.': { withDependencies: '16.2 kB', ownCode: '11.6 kB' },
    './quo': { withDependencies: '13 kB', ownCode: '9.1 kB' },
    './signalwire': { withDependencies: '12.1 kB', ownCode: '7.9 kB' },
    './textus': { withDependencies: '12.4 kB', ownCode: '8.3 kB' },
  },
}

function checks() {
  const list = []
  for (const pkg of publishablePackages()) {
    const dependencies = Object.keys(pkg.manifest.dependencies ?? {})
    for (const { subpath, file } of entryFiles(pkg.manifest).filter((entry) => entry.condition === 'import')) {
      const budget = BUDGETS[pkg.name]?.[subpath]
      if (!budget) throw new Error(`.size-limit.mjs has no budget for ${pkg.name} "${subpath}": add one`)
      const entry = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
      const path = `packages/${pkg.folder}/${file}`
      const node = pkg.runsEverywhere
        ? {}
        : {
            modifyEsbuildConfig: (config) => ({ ...config, platform: 'node', format: 'esm' }),
          }
      if (budget.withDependencies) {
        list.push({ name: `${entry} (with dependencies)`, path, limit: budget.withDependencies, gzip: true })
      }
      if (budget.ownCode) {
        list.push({
          name: `${entry} (own code)`,
          path,
          limit: budget.ownCode,
          gzip: true,
          ignore: dependencies,
          ...node,
        })
      }
    }
  }
  return list
}

export default checks()
