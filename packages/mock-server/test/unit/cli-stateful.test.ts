import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { verifyQuoWebhook } from '@textbridge/quo/webhooks'
import { expect, it } from 'vitest'
import { startReceiver } from '../fixtures/receiver.js'

const CLI = fileURLToPath(new URL('../../bin/textbridge-mock.mjs', import.meta.url))

it('textbridge-mock quo --stateful --webhook <url> stores sends, posts signed status webhooks, prints the secret', async () => {
  const receiver = await startReceiver()
  const child = spawn(
    process.execPath,
    [CLI, 'quo', '--stateful', '--webhook', `${receiver.url}/hooks`, '--webhook-delay', '1', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  try {
    let output = ''
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString()
    })
    const [url, secretLine] = await new Promise<string[]>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const lines = output.split('\n')
        if (lines.length > 2) resolve(lines.slice(0, 2))
      })
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${errors}`)))
    })
    const secret = secretLine?.replace('webhook secret: ', '') ?? ''
    expect(secret).toMatch(/^[A-Za-z0-9+/]+=*$/)
    const sent = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'key', 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+15555550100', to: ['+15555550123'], content: 'From the CLI' }),
    })
    const { data } = await sent.json()
    expect(data.text).toBe('From the CLI')
    const [delivery] = await receiver.waitFor(1)
    if (!delivery) throw new Error('no delivery')
    const headers = delivery.headers as Record<string, string>
    const event = await verifyQuoWebhook({ body: delivery.body, headers, secret })
    expect(event).toMatchObject({ type: 'message.delivered', data: { object: { id: data.id } } })
    const got = await (await fetch(`${url}/v1/messages/${data.id}`, { headers: { authorization: 'key' } })).json()
    expect(got.data.status).toBe('delivered')
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
    expect(errors).toContain('webhook message.delivered')
    expect(errors).not.toContain(secret)
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    await receiver.close()
  }
})

it('refuses a webhook flag without --stateful', async () => {
  const args = ['quo', '--webhook-api-version', '2026-03-30', '--webhook', 'http://127.0.0.1:9']
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  const [code] = await once(child, 'exit')
  expect(code).toBe(2)
  expect(errors).toContain('--webhook needs --stateful')
})
