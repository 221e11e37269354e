import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'textus',
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
  },
})
