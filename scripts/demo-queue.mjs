#!/usr/bin/env node
// pnpm demo:queue [--sends N] [--rate R] — sends N texts (default 300) through the send queue
// (textbridge/queue, in-process store) to a local Quo that enforces R requests/s (default 50)
// and answers 429 past it, showing the queue's one-line progress as it goes.
import { parseArgs } from 'node:util'
import { createMessenger } from 'textbridge'
import { createSendQueue, formatProgress } from 'textbridge/queue'
import { limitedProvider } from '../packages/textbridge/test/support/limited-provider.ts'

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '300' },
    rate: { type: 'string', default: '50' },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  process.stdout.write(
    'usage: pnpm demo:queue [--sends N] [--rate R]\n\n' +
      'Sends N texts (default 300) through the in-process send queue to a local Quo that enforces\n' +
      'R requests/s (default 50), with its one-line progress. Needs the built packages (pnpm build).\n',
  )
  process.exit(0)
}
const sends = Number(values.sends)
const rate = Number(values.rate)
if (!Number.isInteger(sends) || sends < 1 || !Number.isInteger(rate) || rate < 1) {
  process.stderr.write('demo:queue: --sends and --rate must be whole numbers ≥ 1\n')
  process.exit(1)
}

const provider = await limitedProvider({ max: rate, perMs: 1000 })
const sms = createMessenger({ provider: 'quo', apiKey: 'demo-key', from: '+15555550100', baseUrl: provider.url })
const queue = createSendQueue({ messenger: sms, rate: { max: rate, perMs: 1000 }, progressIntervalMs: 250 })
const tty = process.stdout.isTTY
queue.on('progress', (progress) =>
  process.stdout.write(tty ? `\r${formatProgress(progress)}` : `${formatProgress(progress)}\n`),
)
await queue.addBulk(
  Array.from({ length: sends }, (_, i) => ({
    input: { to: `+1555${String(1_000_000 + i).slice(1)}`, text: `Reminder ${i + 1}: your table is booked for 7:30pm` },
    id: `demo-${i}`,
  })),
)
const worker = queue.work({ concurrency: 10 })
await queue.drained()
const counts = await queue.counts()
await worker.close()
await queue.close()
await provider.close()
process.stdout.write(
  `${tty ? '\n' : ''}done: ${counts.sent} sent, ${counts.failed} failed, ${counts.unknown} unknown; ` +
    `the provider took ${provider.taken.length} texts and answered ${provider.rejected} 429s\n`,
)
