#!/usr/bin/env node
// pnpm demo — starts a mock of each provider's spec and sends one message through each
// provider client, as a user would; then the whole loop through the facade against each
// provider's stateful mock: a send, its signed status webhooks and a reply arriving at a local
// receiver, verified. Exits 1 if any send fails, breaks the spec or a webhook is not verified.
import { createServer } from 'node:http'
import { startMock, violationsOf } from '@textbridge/mock-server'
import { createQuoClient } from '@textbridge/quo'
import { createSignalWireClient } from '@textbridge/signalwire'
import { createTextUsClient } from '@textbridge/textus'
import { createMessenger, createWebhookReceiver } from 'textbridge'

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'usage: pnpm demo\n\nSends one message through each provider client against its Prism mock, then runs the\nwhole loop (send, status webhooks, a reply) through the facade against each stateful mock.\n',
  )
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

/** A local webhook receiver: each request, as a Fetch Request, to the current handler. */
async function listen() {
  let handler = async () => new Response(null, { status: 503 })
  const server = createServer(async (req, res) => {
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const request = new Request(`http://127.0.0.1:${server.address().port}${req.url}`, {
      method: req.method,
      headers,
      body: Buffer.concat(chunks),
    })
    const response = await handler(request)
    res.writeHead(response.status)
    res.end(await response.text())
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: (path) => `http://127.0.0.1:${server.address().port}${path}`,
    use: (next) => {
      handler = next
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

const receiver = await listen()
const OPTIONS = {
  quo: (url) => ({ provider: 'quo', apiKey: 'demo-key', from: FROM, phoneNumberId: 'PN123abc', baseUrl: url }),
  signalwire: (url) => ({
    provider: 'signalwire',
    projectId: 'demo-project',
    apiToken: 'demo-token',
    from: FROM,
    baseUrl: url,
  }),
  textus: (url) => ({ provider: 'textus', token: 'demo-token', account: 'demo_account', baseUrl: url }),
}
try {
  for (const provider of Object.keys(OPTIONS)) {
    const path = `/hooks/${provider}`
    const mock = await startMock({ provider, stateful: true, webhooks: { url: receiver.url(path), delayMs: 20 } })
    try {
      const hooks = createWebhookReceiver(
        provider === 'signalwire'
          ? { provider, signingKey: mock.webhookSecret }
          : { provider, secret: mock.webhookSecret },
      )
      const seen = []
      receiver.use(hooks.handle((event) => void seen.push(event)))
      const sms = createMessenger(OPTIONS[provider](mock.url))
      const sent = await sms.send({
        to: TO,
        text: 'Your table is ready',
        ...(provider === 'signalwire' ? { statusCallback: receiver.url(path) } : {}),
      })
      await mock.idle()
      await mock.deliver({ type: 'message.received', text: 'On my way' })
      await mock.idle()
      const refused = mock.deliveries.filter((delivery) => delivery.status !== 200).length
      const statuses = seen.filter((event) => event.type === 'message.status').map((event) => event.status)
      const reply = seen.find((event) => event.type === 'message.received')
      const ok = refused === 0 && statuses.at(-1) === 'delivered' && reply?.message.text === 'On my way'
      if (!ok) failed++
      process.stdout.write(
        `${ok ? '✔' : '✘'} ${provider.padEnd(11)} sent ${sent.id} → webhooks ${statuses.join(' → ') || 'none'}; ` +
          `reply "${reply?.message.text ?? '(none)'}" from ${reply?.message.from ?? '?'}` +
          `${refused > 0 ? `; ${refused} delivery(ies) refused` : ''}, each verified\n`,
      )
    } finally {
      await mock.close()
    }
  }
} finally {
  await receiver.close()
}
process.stdout.write(
  failed === 0 ? 'The whole loop works for every provider, with no provider.\n' : `${failed} check(s) failed.\n`,
)
process.exitCode = failed === 0 ? 0 : 1
