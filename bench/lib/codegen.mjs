// Codegen cost as a user meets it: `pnpm generate` with turbo's cache bypassed (every spec
// regenerated), then `pnpm generate` again (a turbo cache hit). Wall time of the whole command.
import { spawnSync } from 'node:child_process'

function timed(root, args) {
  const started = performance.now()
  const run = spawnSync('pnpm', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`)
  return { ms, output: `${run.stdout}\n${run.stderr}` }
}

/** Median of `repeats` runs of each; the direct generator run (no pnpm, no turbo) for reference. */
export function measureCodegen(root, repeats = 3) {
  const cold = []
  const hit = []
  const direct = []
  for (let i = 0; i < repeats; i++) {
    cold.push(timed(root, ['generate', '--force']).ms)
    const cached = timed(root, ['generate'])
    if (!/FULL TURBO|cache hit/i.test(cached.output)) throw new Error(`expected a turbo cache hit:\n${cached.output}`)
    hit.push(cached.ms)
    direct.push(timed(root, ['exec', 'node', 'scripts/generate.mjs']).ms)
  }
  return { coldMs: median(cold), cacheHitMs: median(hit), generatorOnlyMs: median(direct), repeats }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
