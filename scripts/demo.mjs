#!/usr/bin/env node
// pnpm demo — starts a mock of each provider's spec and sends one message through each
// provider client, as a user would. Exits 1 if any send fails or breaks the spec.
import { startMock, violationsOf } from '@textbridge/mock-server'
import { createQuoClient } from '@textbridge/quo'
import { createSignalWireClient } from '@textbridge/signalwire'
import { createTextUsClient } from '@textbridge/textus'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('usage: pnpm demo\n\nSends one message through each provider client against its Prism mock.\n')
  process.exit(0)
}

const TO = '+15555550123'
const FROM = '+15555550100'

const sends = {
  quo: async (url) => {
    const quo = createQuoClient({ apiKey: 'demo-key', baseUrl: url })
    const { data, response } = await quo.POST('/v1/messages', {
      body: { from: FROM, to: [TO], content: 'Hello from textbridge' },
    })
    return { response, id: data?.data.id, status: data?.data.status }
  },
  signalwire: async (url) => {
    const sw = createSignalWireClient({ baseUrl: url, projectId: 'demo-project', apiToken: 'demo-token' })
    const { data, response } = await sw.POST('/api/messaging/messages', {
      body: { from: FROM, to: TO, body: 'Hello from textbridge' },
    })
    return { response, id: data?.id, status: data?.status }
  },
  textus: async (url) => {
    const textus = createTextUsClient({ baseUrl: url, token: 'demo-token', account: 'demo_account' })
    const { data, response } = await textus.POST('/{account}/messages', {
      body: { to: TO, body: 'Hello from textbridge' },
    })
    return { response, id: data?.id, status: data?.deliveryState }
  },
}

let failed = 0
for (const [provider, send] of Object.entries(sends)) {
  const mock = await startMock({ provider })
  try {
    const { response, id, status } = await send(mock.url)
    const violations = violationsOf(response)
    const request = mock.requests.at(-1)
    const ok = response.ok && violations.length === 0
    if (!ok) failed++
    process.stdout.write(
      `${ok ? '✔' : '✘'} ${provider.padEnd(11)} ${request?.method} ${request?.url} → ${response.status}` +
        (ok
          ? `  message ${id} (${status})`
          : `  ${violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ')}`) +
        `  [mock ${mock.url}]\n`,
    )
  } finally {
    await mock.close()
  }
}
process.stdout.write(
  failed === 0 ? 'All three provider clients sent a message their spec accepts.\n' : `${failed} send(s) failed.\n`,
)
process.exitCode = failed === 0 ? 0 : 1
