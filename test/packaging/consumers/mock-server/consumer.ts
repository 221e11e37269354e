/// <reference types="node" />

import { startMock, violationsOf } from '@textbridge/mock-server'

// A user's own test setup: the mock of the installed @textbridge/quo spec, in this process.
export async function main(_baseUrl: string) {
  const mock = await startMock({ provider: 'quo' })
  try {
    const send = (to: string) =>
      fetch(`${mock.url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: 'test-key', 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+15555550100', to: [to], content: 'Hello' }),
      })
    const valid = await send('+15555550123')
    const invalid = await send('12')
    return {
      status: valid.status,
      violations: violationsOf(valid),
      recorded: mock.requests.filter((request) => request.violations.length === 0).length,
      invalidStatus: invalid.status,
      invalidViolations: violationsOf(invalid).length,
    }
  } finally {
    await mock.close()
  }
}
