// Type-check cost of a consumer that uses every operation: tsc --extendedDiagnostics on
// bench/typecheck/consumer.ts, next to the same settings with an empty file (the baseline).
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { loadSpecValidator } from '@textbridge/mock-server'

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/**
 * tsc's figures for a project. A consumer that does not compile throws, unless `allowErrors`:
 * then its errors are counted and the first one kept (a spec whose own example breaks its own
 * types is a finding of the run, not a reason to lose the other packages' figures).
 */
function diagnostics(project, { allowErrors = false } = {}) {
  const started = performance.now()
  const run = spawnSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8' })
  const wallMs = performance.now() - started
  const errors = run.stdout.split('\n').filter((line) => /error TS\d+:/.test(line))
  if (run.status !== 0 && !(allowErrors && errors.length > 0)) {
    throw new Error(`tsc -p ${project} failed:\n${run.stdout}${run.stderr}`)
  }
  const read = (label) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(run.stdout)?.[1])
  return {
    files: read('Files'),
    types: read('Types'),
    instantiations: read('Instantiations'),
    checkTimeMs: read('Check time') * 1000,
    totalTimeMs: read('Total time') * 1000,
    wallMs,
    ...(errors.length > 0 ? { typeErrors: errors.length, firstTypeError: errors[0] } : {}),
  }
}

/** The provider clients whose whole API a consumer is written for: package, factory, options. */
const CLIENTS = [
  { provider: 'quo', factory: 'createQuoClient', options: "{ apiKey: 'key' }" },
  {
    provider: 'signalwire',
    factory: 'createSignalWireClient',
    options: "{ space: 'example', projectId: 'p', apiToken: 't' }",
  },
  { provider: 'textus', factory: 'createTextUsClient', options: "{ token: 't', account: 'my_account' }" },
]

/**
 * A consumer that calls every operation of a provider's shipped spec once, with the spec's own
 * sample request (what a user of the whole API makes the compiler check).
 */
function everyOperationSource({ provider, factory, options }) {
  const spec = loadSpecValidator({ provider })
  const calls = spec.operations().map(({ operationId }) => {
    const request = spec.sampleRequest(operationId)
    const params = Object.fromEntries(
      Object.entries(request.params).filter(([, value]) => Object.keys(value).length > 0),
    )
    const init = {
      ...(Object.keys(params).length > 0 ? { params } : {}),
      ...(request.body === undefined ? {} : { body: request.body }),
    }
    return `    (await client.${request.method}(${JSON.stringify(request.path)}, ${JSON.stringify(init)})).data,`
  })
  return {
    operations: calls.length,
    source: [
      `import { ${factory} } from '@textbridge/${provider}'`,
      '',
      'export async function everyOperation(): Promise<unknown[]> {',
      `  const client = ${factory}(${options})`,
      '  return [',
      ...calls,
      '  ]',
      '}',
      '',
    ].join('\n'),
  }
}

/** Type-check cost of each provider's whole API, one consumer file each (written, checked, removed). */
function measureEveryOperation(dir) {
  const measured = {}
  for (const client of CLIENTS) {
    const file = join(dir, `every-${client.provider}.generated.ts`)
    const project = join(dir, `tsconfig.every-${client.provider}.generated.json`)
    const { operations, source } = everyOperationSource(client)
    try {
      writeFileSync(file, source)
      writeFileSync(
        project,
        JSON.stringify({ extends: './tsconfig.json', files: [`every-${client.provider}.generated.ts`] }),
      )
      measured[client.provider] = { operations, ...diagnostics(project, { allowErrors: true }) }
    } finally {
      rmSync(file, { force: true })
      rmSync(project, { force: true })
    }
  }
  return measured
}

export function measureTypecheck(benchDir) {
  const dir = join(benchDir, 'typecheck')
  return {
    consumer: diagnostics(join(dir, 'tsconfig.json')),
    baseline: diagnostics(join(dir, 'tsconfig.baseline.json')),
    perPackage: measureEveryOperation(dir),
  }
}
