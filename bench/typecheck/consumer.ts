// A consumer that uses every operation of every provider client and every facade method, for
// the type-check cost (`tsc --extendedDiagnostics`). It is type-checked, never run.
import { createQuoClient } from '@textbridge/quo'
import { createSignalWireClient } from '@textbridge/signalwire'
import { createTextUsClient } from '@textbridge/textus'
import { createMessenger } from 'textbridge'

export async function everyOperation(): Promise<string[]> {
  const quo = createQuoClient({ apiKey: 'key' })
  const sent = await quo.POST('/v1/messages', { body: { from: '+15555550100', to: ['+15555550123'], content: 'Hi' } })
  const got = await quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC123abc' } } })
  const page = await quo.GET('/v1/messages', {
    params: { query: { phoneNumberId: 'PN123abc', participants: ['+15555550123'], maxResults: 10 } },
  })

  const signalwire = createSignalWireClient({ space: 'example', projectId: 'p', apiToken: 't' })
  const swSent = await signalwire.POST('/api/messaging/messages', {
    body: { from: '+15555550100', to: '+15555550123', body: 'Hi' },
  })

  const textus = createTextUsClient({ token: 't', account: 'my_account' })
  const tuSent = await textus.POST('/{account}/messages', { body: { to: '+15555550123', body: 'Hi' } })

  return [
    sent.data?.data.id ?? '',
    got.data?.data.id ?? '',
    ...(page.data?.data.map((message) => message.id) ?? []),
    swSent.data?.id ?? '',
    tuSent.data?.id ?? '',
  ]
}

export async function everyFacadeMethod(): Promise<string[]> {
  const quo = createMessenger({ provider: 'quo', apiKey: 'key', from: '+15555550100' })
  const signalwire = createMessenger({
    provider: 'signalwire',
    space: 'example',
    projectId: 'p',
    apiToken: 't',
    from: '+15555550100',
  })
  const textus = createMessenger({ provider: 'textus', token: 't', account: 'my_account' })
  const ids: string[] = []
  for (const sms of [quo, signalwire, textus]) {
    const message = await sms.send({ to: '+15555550123', text: 'Hi' })
    const result = await sms.broadcast({ to: ['+15555550123', '+15555550124'], text: 'Hi' })
    ids.push(message.id ?? '', String(result.accepted))
  }
  ids.push((await quo.get('AC123abc')).id)
  for await (const message of quo.list({ participants: ['+15555550123'] }, { maxResults: 10, limit: 10 })) {
    ids.push(message.id)
  }
  return ids
}
