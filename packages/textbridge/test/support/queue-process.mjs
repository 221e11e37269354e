// A producer or worker process of a Redis send queue, for the tests and the bench: the
// built package (dist), as an app would run it. Its one argument is JSON:
// { mode: 'work' | 'add', redis, name, provider, url, rate, concurrency, lockMs, sendTimeoutMs,
// reconcileAfterMs, jobs }. 'work' prints "ready" and sends until SIGTERM (or kill -9); 'add'
// prints the add results as JSON. Either ends when its stdin closes: its parent is gone.
import { createMessenger } from '../../dist/index.mjs'
import { createSendQueue } from '../../dist/queue.mjs'

const options = JSON.parse(process.argv[2] ?? '{}')
const messengers = {
  quo: { provider: 'quo', apiKey: 'quo-canary-key-7f3a9c', from: '+15555550100', phoneNumberId: 'PN123abc' },
  signalwire: {
    provider: 'signalwire',
    projectId: 'project-1',
    apiToken: 'sw-canary-token-51be2d',
    from: '+15555550100',
  },
}
const messenger = createMessenger({ ...messengers[options.provider], baseUrl: options.url })
const queue = createSendQueue({
  messenger,
  redis: options.redis,
  name: options.name,
  rate: options.rate,
  lockMs: options.lockMs,
  sendTimeoutMs: options.sendTimeoutMs,
  reconcileAfterMs: options.reconcileAfterMs,
})
process.stdin.on('end', () => process.exit(1))
process.stdin.resume()

if (options.mode === 'add') {
  const results = await queue.addBulk(options.jobs)
  process.stdout.write(`${JSON.stringify(results)}\n`)
  await queue.close()
  process.stdin.destroy() // then nothing is left to keep this process alive: it must end by itself
} else {
  const worker = queue.work({ concurrency: options.concurrency ?? 10 })
  await queue.counts() // connected
  process.stdout.write('ready\n')
  process.once('SIGTERM', async () => {
    setTimeout(() => process.exit(1), 5000).unref() // Redis gone: do not hang on the way out
    await worker.close()
    await queue.close()
    process.exit(0)
  })
}
