#!/usr/bin/env node
// pnpm generate [provider...] [--check]
// For each provider: vendor spec + overlay → src/generated/openapi.json (the final spec,
// served by the mocks too) → src/generated/schema.ts (types). Same input, same bytes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import module from 'node:module'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'

// Most of a run is compiling the generator's dependencies (openapi-typescript brings the
// TypeScript compiler): Node's on-disk compile cache keeps that from the second run on, so the
// libraries are imported below, after it is on.
module.enableCompileCache?.()
const { generateFiles } = await import('./lib/codegen.mjs')
const { failureMessage, listProviders, repoPath } = await import('./lib/specs.mjs')

const USAGE = `usage: pnpm generate [provider...] [--check]

Applies each provider's overlay to its vendor spec and writes, into
packages/<provider>/src/generated/: openapi.json (the final spec) and schema.ts (types).
With no provider, does all of specs/*.

  --check   write nothing; exit 1 if a committed file differs from a fresh generation
`

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  })
  if (values.help) return void process.stdout.write(USAGE)
  const providers = positionals.length > 0 ? positionals : listProviders()
  const stale = []
  for (const provider of providers) {
    const started = performance.now()
    for (const file of await generateFiles(provider)) {
      const current = existsSync(file.path) ? readFileSync(file.path, 'utf8') : null
      if (current === file.content) continue
      if (values.check) {
        stale.push(repoPath(file.path))
      } else {
        mkdirSync(dirname(file.path), { recursive: true })
        writeFileSync(file.path, file.content)
        process.stdout.write(`wrote ${repoPath(file.path)}\n`)
      }
    }
    process.stderr.write(`${provider}: ${(performance.now() - started).toFixed(0)} ms\n`)
  }
  if (stale.length > 0) {
    process.stderr.write(
      `generated code differs from a fresh generation:\n${stale.map((p) => `  ${p}`).join('\n')}\n` +
        'run `pnpm generate` and commit the result (never edit generated files by hand)\n',
    )
    process.exitCode = 1
  }
}

main().catch((error) => {
  process.stderr.write(`generate: ${failureMessage(error)}\n`)
  process.exitCode = 1
})
