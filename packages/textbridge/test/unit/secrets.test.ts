import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Provider, type RetryEvent, TextbridgeError } from '../../src/index.js'
import { CANARY, messengerFor, TO } from '../support/fixtures.js'
import { json, type ScriptedServer, scriptedServer } from '../support/scripted-server.js'

// A hostile server: every answer echoes the request's headers, in the body, in a header, and
// in the error's fields (title, code, message), as text and as JSON.
let server: ScriptedServer
beforeAll(async () => {
  server = await scriptedServer((req, index, res) => {
    const echo = JSON.stringify(req.headers)
    const auth = String(req.headers.authorization)
    const status = [401, 403, 404, 429, 500, 422, 400][index % 7] as number
    json(
      res,
      status,
      {
        message: `you sent ${auth}`,
        title: auth,
        code: auth,
        trace: auth,
        error: auth,
        errors: [{ type: auth, code: auth, message: echo, attribute: auth, url: 'x' }],
        'hydra:title': auth,
        'hydra:description': echo,
        echo: req.headers,
      },
      { 'x-request-id': auth },
    )
  })
})
afterAll(() => server.close())

function everythingShown(error: TextbridgeError, events: RetryEvent[]): string {
  return [
    error.message,
    error.stack,
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(Object.entries(error)),
    JSON.stringify(events),
    inspect(events, { depth: 10 }),
  ].join('\n')
}

describe('credentials never leak', () => {
  it.each(['quo', 'signalwire', 'textus'] as const)(
    '%s: not in any error or retry event, even when the server echoes the request headers',
    async (provider: Provider) => {
      const events: RetryEvent[] = []
      const sms = messengerFor(provider, server.url, {
        onRetry: (event: RetryEvent) => events.push(event),
        retry: { retries: 1, minDelayMs: 1, jitter: false },
      })
      for (let i = 0; i < 7; i++) {
        const error = await sms.send({ to: TO, text: 'x' }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(TextbridgeError)
        const shown = everythingShown(error as TextbridgeError, events)
        expect(shown).toContain('[REDACTED]')
        for (const secret of Object.values(CANARY)) expect(shown).not.toContain(secret)
        expect(shown).not.toContain(btoa(`project-1:${CANARY.signalwire}`))
      }
    },
  )
})
