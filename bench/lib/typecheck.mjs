// Type-check cost of a consumer that uses every operation: tsc --extendedDiagnostics on
// bench/typecheck/consumer.ts, next to the same settings with an empty file (the baseline).
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

function diagnostics(project) {
  const started = performance.now()
  const run = spawnSync(process.execPath, [TSC, '-p', project, '--extendedDiagnostics'], { encoding: 'utf8' })
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`tsc -p ${project} failed:\n${run.stdout}${run.stderr}`)
  const read = (label) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(run.stdout)?.[1])
  return {
    files: read('Files'),
    types: read('Types'),
    instantiations: read('Instantiations'),
    checkTimeMs: read('Check time') * 1000,
    totalTimeMs: read('Total time') * 1000,
    wallMs,
  }
}

export function measureTypecheck(benchDir) {
  const dir = join(benchDir, 'typecheck')
  return {
    consumer: diagnostics(join(dir, 'tsconfig.json')),
    baseline: diagnostics(join(dir, 'tsconfig.baseline.json')),
  }
}
