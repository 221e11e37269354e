#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startMock } from './start-mock.js'

const USAGE = `usage: textbridge-mock <provider | spec-file> [--port N] [--host H] [--dynamic] [--seed S] [--log LEVEL]

Serves a Prism mock of a provider's spec (e.g. "quo", from @textbridge/quo) or of any
OpenAPI 3.x file until Ctrl-C. Prints the base URL on stdout.
`

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      log: { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const [target] = positionals
  if (!target || positionals.length > 1) {
    process.stderr.write(USAGE)
    process.exitCode = 2
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, got "${values.port}"\n`)
    process.exitCode = 2
    return
  }
  const isFile = /[./\\]/.test(target)
  const mock = await startMock({
    ...(isFile ? { spec: target } : { provider: target }),
    port,
    host: values.host,
    dynamic: values.dynamic,
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    logLevel: values.log as 'info',
  })
  process.stdout.write(`${mock.url}\n`)
  const stop = () => {
    mock.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  process.once('SIGHUP', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`textbridge-mock: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
