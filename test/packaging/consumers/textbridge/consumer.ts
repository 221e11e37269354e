import { createMessenger, isTextbridgeError, type Message, ValidationError } from 'textbridge'
import { createSendQueue } from 'textbridge/queue'
import { createQuoMessenger } from 'textbridge/quo'
import { createRouter } from 'textbridge/router'
import { countSegments, type SegmentCount } from 'textbridge/segments'

export async function main(baseUrl: string) {
  const sms = createMessenger({ provider: 'quo', apiKey: 'consumer-key', from: '+15555550100', baseUrl })
  const message: Message<'quo'> = await sms.send({ to: '+15555550123', text: 'Hello from a packed tarball' })
  const same = await sms.get(message.id)
  let listed = 0
  for await (const _ of sms.list({ participants: ['+15555550123'], phoneNumberId: 'PN123abc' }, { limit: 1 })) listed++
  const invalid = await sms.send({ to: '555', text: ' ' }).catch((error: unknown) => error)
  const alone = createQuoMessenger({ apiKey: 'consumer-key', from: '+15555550100', baseUrl })
  const broadcast = await alone.broadcast({ to: ['+15555550123', '+15555550124'], text: 'Hi' })
  const cost: SegmentCount = countSegments(`${'a'.repeat(159)}😜`)
  // A router whose first provider rate-limits: the text goes out once, through Quo.
  const limited = createMessenger({
    provider: 'signalwire',
    space: 'example',
    projectId: 'p',
    apiToken: 't',
    from: '+15555550100',
    fetch: async () => new Response('{}', { status: 429, headers: { 'content-type': 'application/json' } }),
    retry: { retries: 0 },
  })
  const routed = await createRouter({ messengers: [limited, sms] }).send({ to: '+15555550123', text: 'Routed' })
  const queue = createSendQueue({ messenger: sms })
  const added = await queue.addBulk([
    { input: { to: '+15555550123', text: 'Queued one' }, id: 'q-1' },
    { input: { to: '+15555550124', text: 'Queued two' }, id: 'q-1' },
  ])
  const worker = queue.work()
  await queue.drained()
  const queued = await queue.counts()
  await worker.close()
  await queue.close()
  // The Redis store needs bullmq and ioredis, which this consumer did not install.
  const redis = createSendQueue({ messenger: sms, redis: 'redis://127.0.0.1:1' })
  const withoutPeers = await redis.counts().then(
    () => 'connected',
    (error: Error) =>
      /npm install bullmq ioredis/.test(error.message) ? 'asks for bullmq and ioredis' : error.message,
  )
  return {
    id: message.id,
    status: message.status,
    gotSame: same.id === message.id,
    listed,
    validation: invalid instanceof ValidationError && isTextbridgeError(invalid) ? invalid.problems.length : -1,
    accepted: broadcast.accepted,
    segments: cost.segments,
    encoding: cost.encoding,
    routedBy: routed.provider,
    routedAttempts: routed.attempts.map((attempt) => attempt.error.name),
    queueAdded: added.map((r) => r.added),
    queueSent: queued.sent,
    withoutPeers,
  }
}

// Never called. It compiles only while the published types are the real ones.
export function typesAreChecked(baseUrl: string) {
  const sms = createMessenger({ provider: 'signalwire', baseUrl, projectId: 'p', apiToken: 't', from: '+15555550100' })
  // @ts-expect-error SignalWire cannot list messages
  return sms.list
}
