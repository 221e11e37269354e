import { join } from 'node:path'
import { defineConfig } from 'vitest/config'
import LongestFirstSequencer from './test/support/longest-first-sequencer.mjs'

// One run over every package (each has its own vitest.config.ts), the scripts, and the packed
// packages (test/packaging). The JSON report is what .ci/run reads for its final
// "N passed, N failed" line; reports/test-times.json (each file's time) is what its slow-test
// guard reads against test/time-budgets.json.
// Node's compile cache on disk for every process of the run: the workers, and the installs,
// builds, type checks and scripts the tests start. Node checks each file's contents and its own
// version against the cache, so a changed file is compiled again; a start-up then skips most of
// the parsing of TypeScript, Prism, Redocly and the rest (about a fifth of the scripts' tests' CPU).
process.env.NODE_COMPILE_CACHE ??= join(import.meta.dirname, 'node_modules', '.cache', 'node-compile-cache')

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'scripts/vitest.config.ts', 'test/packaging/vitest.config.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }], './test/support/file-times-reporter.mjs'],
    // The longest files start first (test/time-budgets.json). The number of workers is set on the
    // command line (scripts/bootstrap.mjs, for `pnpm test` and `pnpm test:quick`): each project
    // takes maxWorkers from there only.
    sequence: { sequencer: LongestFirstSequencer },
  },
})
