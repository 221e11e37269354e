import { defineProject } from 'vitest/config'

// The published packages as users get them: packed tarballs, checked, installed outside the
// workspace, compiled and run. Packing happens once, in the global setup.
export default defineProject({
  test: {
    name: 'packaging',
    include: ['**/*.test.ts'],
    // The files share nothing but the packed tarballs (injected): no fresh module graph per file.
    isolate: false,
    globalSetup: ['./support/pack-once.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
