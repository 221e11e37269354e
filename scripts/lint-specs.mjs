#!/usr/bin/env node
// pnpm lint:specs [provider...] — lints the final spec (the overlaid one that codegen and the
// mocks use) of every provider, or of those named, with Redocly, every rule an error
// (redocly.yaml).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { listProviders, ROOT, readSource, UserError } from './lib/specs.mjs'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'usage: pnpm lint:specs [provider...]\n\n' +
      'Lints packages/<provider>/src/generated/openapi.json for every provider in specs/, or for those named.\n',
  )
  process.exit(0)
}
const named = process.argv.slice(2)
let files
try {
  files = (named.length > 0 ? named : listProviders()).map((provider) =>
    join(readSource(provider).packageDir, 'src', 'generated', 'openapi.json'),
  )
} catch (error) {
  if (!(error instanceof UserError)) throw error
  process.stderr.write(`lint:specs: ${error.message}\n`)
  process.exit(1)
}
const missing = files.filter((file) => !existsSync(join(ROOT, file)))
if (missing.length > 0) {
  process.stderr.write(`lint:specs: run \`pnpm generate\` first; missing ${missing.join(', ')}\n`)
  process.exit(1)
}
const result = spawnSync('redocly', ['lint', '--config', 'redocly.yaml', '--format', 'stylish', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
process.exit(result.status ?? 1)
