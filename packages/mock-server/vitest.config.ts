import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

// The provider packages' verifiers, from source: they check the mock's signatures in tests, and
// a workspace dependency on them would make a cycle (they test against this package).
const verifier = (provider: string) => fileURLToPath(new URL(`../${provider}/src/webhooks.ts`, import.meta.url))

export default defineProject({
  resolve: {
    alias: {
      '@textbridge/quo/webhooks': verifier('quo'),
      '@textbridge/signalwire/webhooks': verifier('signalwire'),
      '@textbridge/textus/webhooks': verifier('textus'),
    },
  },
  test: {
    name: 'mock-server',
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
