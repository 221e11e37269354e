import { createMessenger, isTextbridgeError, type Message, ValidationError } from 'textbridge'
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
  }
}

// Never called. It compiles only while the published types are the real ones.
export function typesAreChecked(baseUrl: string) {
  const sms = createMessenger({ provider: 'signalwire', baseUrl, projectId: 'p', apiToken: 't', from: '+15555550100' })
  // @ts-expect-error SignalWire cannot list messages
  return sms.list
}
