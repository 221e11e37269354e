import { defineProject } from 'vitest/config'

// The scripts' tests run the commands on temporary copies of the repository (never on this
// tree), some of them installing and building there: they get minutes, not seconds.
export default defineProject({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.mjs'],
    // Each file keeps its state in its own variables and temporary copies: no fresh module graph
    // per file is needed, and the helpers (TypeScript's parsed lib files among them) load once.
    isolate: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
})
