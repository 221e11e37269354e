#!/usr/bin/env node
// pnpm lint:specs — lints every provider's final spec (the overlaid one that codegen and the
// mocks use) with Redocly, every rule an error (redocly.yaml).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { listProviders, ROOT, readSource } from './lib/specs.mjs'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'usage: pnpm lint:specs\n\nLints packages/<provider>/src/generated/openapi.json for every provider in specs/.\n',
  )
  process.exit(0)
}
const files = listProviders().map((provider) =>
  join(readSource(provider).packageDir, 'src', 'generated', 'openapi.json'),
)
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
