import { fileURLToPath } from 'node:url'
import { packageProject } from '../../test/support/package-project.mjs'

// The provider packages' verifiers, from source: they check the mock's signatures in tests, and
// a workspace dependency on them would make a cycle (they test against this package).
const verifier = (provider: string) => fileURLToPath(new URL(`../${provider}/src/webhooks.ts`, import.meta.url))

export default packageProject('mock-server', {
  resolve: {
    alias: {
      '@textbridge/quo/webhooks': verifier('quo'),
      '@textbridge/signalwire/webhooks': verifier('signalwire'),
      '@textbridge/textus/webhooks': verifier('textus'),
    },
  },
})
