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
