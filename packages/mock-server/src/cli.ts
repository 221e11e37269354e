#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startMock } from './start-mock.js'
import type { WebhookOptions } from './stateful/engine.js'
import type { Outcome } from './stateful/types.js'

const USAGE = `usage: textbridge-mock <provider | spec-file> [--port N] [--host H] [--dynamic] [--seed S] [--log LEVEL]
       textbridge-mock <provider> --stateful [--webhook URL] [--webhook-secret S] [--webhook-delay MS]
                       [--webhook-signature openphone|standard-webhooks] [--webhook-api-version v1|2026-03-30]
                       [--outcome delivered|undelivered|failed]

Serves a Prism mock of a provider's spec (e.g. "quo", from @textbridge/quo) or of any
OpenAPI 3.x file until Ctrl-C. Prints the base URL on stdout.

--stateful plays the provider: sends are stored, get and list answer from them. With
--webhook, each send's status changes are posted there, signed; a secret not given is
generated and printed on stdout after the URL ("webhook secret: ..."). Each delivery is
reported on stderr unless --log is silent. --webhook-api-version 2026-03-30 sends Quo's
dated API envelope (data.resource, signed as Standard Webhooks) instead of v1's.
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
      stateful: { type: 'boolean', default: false },
      webhook: { type: 'string' },
      'webhook-secret': { type: 'string' },
      'webhook-delay': { type: 'string' },
      'webhook-signature': { type: 'string' },
      'webhook-api-version': { type: 'string' },
      outcome: { type: 'string' },
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
  const webhookFlags = [
    'webhook',
    'webhook-secret',
    'webhook-delay',
    'webhook-signature',
    'webhook-api-version',
    'outcome',
  ] as const
  const given = webhookFlags.filter((flag) => values[flag] !== undefined)
  if (given.length > 0 && !values.stateful) {
    process.stderr.write(`--${given[0]} needs --stateful\n`)
    process.exitCode = 2
    return
  }
  const delay = values['webhook-delay'] === undefined ? undefined : Number(values['webhook-delay'])
  const quiet = values.log === 'silent'
  const webhooks: WebhookOptions = {
    ...(values.webhook === undefined ? {} : { url: values.webhook }),
    ...(values['webhook-secret'] === undefined ? {} : { secret: values['webhook-secret'] }),
    ...(delay === undefined ? {} : { delayMs: delay }),
    ...(values['webhook-signature'] === undefined
      ? {}
      : { signature: values['webhook-signature'] as WebhookOptions['signature'] }),
    ...(values['webhook-api-version'] === undefined ? {} : { apiVersion: values['webhook-api-version'] }),
    ...(values.outcome === undefined ? {} : { outcome: values.outcome as Outcome }),
    ...(quiet
      ? {}
      : {
          onDelivery: (delivery) =>
            process.stderr.write(
              `webhook ${delivery.type} → ${delivery.url}: ${delivery.status || delivery.error} (${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'})\n`,
            ),
        }),
  }
  const common = {
    ...(isFile ? { spec: target } : { provider: target }),
    port,
    host: values.host,
    dynamic: values.dynamic,
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    logLevel: values.log as 'info',
  }
  const mock = values.stateful ? await startMock({ ...common, stateful: true, webhooks }) : await startMock(common)
  process.stdout.write(`${mock.url}\n`)
  if ('webhookSecret' in mock && values.webhook !== undefined && values['webhook-secret'] === undefined) {
    // Generated here, so printed once for the receiver to be configured with (as provider CLIs do).
    process.stdout.write(`webhook secret: ${mock.webhookSecret}\n`)
  }
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
