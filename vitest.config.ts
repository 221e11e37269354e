import { defineConfig } from 'vitest/config'

// One run over every package (each has its own vitest.config.ts), the scripts, and the packed
// packages (test/packaging). The JSON report is what .ci/run reads for its final
// "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'scripts/vitest.config.ts', 'test/packaging/vitest.config.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
})
