import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'mock-server',
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      // tsc with a build-info file of its own per project: a second run re-checks what changed.
      checker: '../../test/support/tsc-incremental.mjs',
    },
  },
})
