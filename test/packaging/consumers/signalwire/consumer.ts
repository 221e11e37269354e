import { createSignalWireClient, type SignalWireClient } from '@textbridge/signalwire'

export async function main(baseUrl: string) {
  const sw: SignalWireClient = createSignalWireClient({ baseUrl, projectId: 'consumer-project', apiToken: 'token' })
  const { data, error, response } = await sw.POST('/api/messaging/messages', {
    body: { from: '+15555550100', to: '+15555550123', body: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`SignalWire answered ${response.status}`)
  const id: string = data.id
  return { status: response.status, hasId: id.length > 0 }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(sw: SignalWireClient) {
  // @ts-expect-error SignalWire sends to one number: `to` is a string, not a list
  return sw.POST('/api/messaging/messages', { body: { from: '+15555550100', to: ['+15555550123'], body: 'x' } })
}
