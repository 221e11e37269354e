// Size budgets, minified and gzipped, of every JavaScript entry of every publishable package:
// checked by test/packaging/sizes.test.ts (so in CI) and listed in the README's size table.
// A new package needs its budgets here; the test says so when they are missing.
import { existsSync } from 'node:fs'
import { entryFiles, publishablePackages } from './scripts/lib/packages.mjs'

/**
 * Per package and `exports` subpath: `withDependencies` is what an app's bundle grows by
 * (openapi-fetch included), `ownCode` is our code alone. A Node tool has `ownCode` only:
 * its dependencies (Prism) are not bundled by anyone.
 */
/** @type {Record<string, Record<string, { withDependencies?: string, ownCode?: string }>>} */
export const BUDGETS = {
  // The mock server's own code holds its stateful mode and webhooks (about 8.2 kB of it: SignalWire's
  // Compatibility form callbacks and Quo's dated envelope among them), the loader of whole vendor
  // documents, and what keeps its samples and Prism's dynamic bodies to them (about 2.1 kB: one branch
  // of each union, a body that fits where Prism's breaks, the credentials each operation asks for).
  '@textbridge/mock-server': { '.': { ownCode: '18.2 kB' } },
  // The webhooks' guard knows both of the spec's envelopes (v1 and the dated API's).
  '@textbridge/quo': {
    '.': { withDependencies: '6.5 kB', ownCode: '4.5 kB' },
    './webhooks': { withDependencies: '2.6 kB', ownCode: '2.6 kB' },
  },
  // The webhooks hold a guard per documented payload (SignalWire's name no event: about 0.2 kB).
  '@textbridge/signalwire': {
    '.': { withDependencies: '7.4 kB', ownCode: '5.4 kB' },
    './webhooks': { withDependencies: '3.5 kB', ownCode: '3.5 kB' },
  },
  '@textbridge/textus': {
    '.': { withDependencies: '5.2 kB', ownCode: '3.2 kB' },
    './webhooks': { withDependencies: '1.7 kB', ownCode: '1.7 kB' },
  },
  // pnpm new-provider adds a new provider's budgets above this line.
  // Own code holds the retry backoff that the `retry` package used to bring as a dependency, the
  // small client messengers send with (core/client.ts: openapi-fetch is not in their bundles), and
  // every messenger counts segments (maxSegments, Message.segments: about 0.8 kB, smart encoding left out).
  textbridge: {
    // The main entry holds the router (and cockatiel, its circuit breaker); see WITHOUT_ROUTER.
    '.': { withDependencies: '29.8 kB', ownCode: '21.4 kB' },
    './quo': { withDependencies: '12.6 kB', ownCode: '11.8 kB' },
    './signalwire': { withDependencies: '11.9 kB', ownCode: '10.6 kB' },
    './textus': { withDependencies: '11.9 kB', ownCode: '11.1 kB' },
    './segments': { withDependencies: '2.1 kB', ownCode: '2.1 kB' },
    // The receiver re-exports each provider's payload guards, to narrow an event's `raw`.
    './webhooks': { withDependencies: '10.1 kB', ownCode: '5 kB' },
    './router': { withDependencies: '7.2 kB', ownCode: '5.3 kB' },
    './queue': { withDependencies: '8.6 kB', ownCode: '8.6 kB' },
  },
}

/**
 * Bundles that import only some names of an entry: a send-only app (the client factory
 * alone) must not grow because the same entry also re-exports the webhook verifiers
 * (`sideEffects: false` lets a bundler drop them): each keeps the budget the whole entry had
 * before. Listed in the README's size table too.
 */
/** @type {Record<string, Record<string, { import: string, withDependencies: string, ownCode: string }>>} */
export const IMPORT_BUDGETS = {
  '@textbridge/quo': { '.': { import: '{ createQuoClient }', withDependencies: '3.7 kB', ownCode: '1.45 kB' } },
  '@textbridge/signalwire': {
    '.': { import: '{ createSignalWireClient }', withDependencies: '4 kB', ownCode: '1.8 kB' },
  },
  '@textbridge/textus': { '.': { import: '{ createTextUsClient }', withDependencies: '3.9 kB', ownCode: '1.7 kB' } },
}

/**
 * An app that imports everything from `textbridge` but the router: its bundle is what the main
 * entry was before the router came, since the router is left out by tree shaking.
 */
const WITHOUT_ROUTER = { package: 'textbridge', leftOut: ['createRouter', 'CircuitOpenError'], limit: '23.7 kB' }

/** The check, or none when the facade is not built yet (a fresh checkout: the whole-entry checks say so). */
async function withoutRouter() {
  const file = 'packages/textbridge/dist/index.mjs'
  if (!existsSync(new URL(file, import.meta.url))) return []
  const names = Object.keys(await import(`./${file}`)).filter((name) => !WITHOUT_ROUTER.leftOut.includes(name))
  return [
    {
      name: `${WITHOUT_ROUTER.package}, everything but the router (with dependencies)`,
      path: file,
      import: `{ ${names.join(', ')} }`,
      limit: WITHOUT_ROUTER.limit,
      gzip: true,
    },
  ]
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
      const partial = IMPORT_BUDGETS[pkg.name]?.[subpath]
      // size-limit cannot import names from a file that is not built yet (a fresh checkout):
      // the whole-entry checks below still run and say so.
      if (partial && existsSync(new URL(path, import.meta.url))) {
        const name = `${entry} (${partial.import.replace(/[{}]/g, '').trim()} only`
        list.push({
          name: `${name}, with dependencies)`,
          path,
          import: partial.import,
          limit: partial.withDependencies,
          gzip: true,
        })
        list.push({
          name: `${name}, own code)`,
          path,
          import: partial.import,
          limit: partial.ownCode,
          gzip: true,
          ignore: dependencies,
          ...node,
        })
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

export default [...checks(), ...(await withoutRouter())]
