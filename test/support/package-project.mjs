// The vitest project of a package: its tests and type tests, with the budgets every package
// shares. Each package's vitest.config.ts is this and what is its own.
import { defineProject } from 'vitest/config'

/** @param {string} name  @param {import('vitest/config').UserWorkspaceConfig} [own] */
export function packageProject(name, own = {}) {
  return defineProject({
    ...own,
    test: {
      name,
      include: ['test/**/*.test.ts'],
      // A worker runs one file after another without a fresh module graph for each: Prism, the
      // generated clients and vitest's own setup load once per worker instead of once per file
      // (measured on the quo, signalwire, textus and mock-server projects, 2 workers: 55 s of CPU
      // isolated, 34 s not). A project whose files change what they share passes isolate: true.
      isolate: false,
      // A worker per core, each with the processes its file starts: a budget for a loaded machine.
      testTimeout: 30_000,
      hookTimeout: 60_000,
      typecheck: {
        enabled: true,
        include: ['test/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
        // tsc with a build-info file of its own per project: a second run re-checks what changed.
        checker: '../../test/support/tsc-incremental.mjs',
      },
      ...own.test,
    },
  })
}
