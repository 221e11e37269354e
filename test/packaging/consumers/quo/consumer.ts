import { createQuoClient, type QuoClient } from '@textbridge/quo'

export async function main(baseUrl: string) {
  const quo: QuoClient = createQuoClient({ apiKey: 'consumer-key', baseUrl })
  const { data, error, response } = await quo.POST('/v1/messages', {
    body: { from: '+15555550100', to: ['+15555550123'], content: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`Quo answered ${response.status}: ${error.title}`)
  const id: string = data.data.id
  return { status: response.status, id, messageStatus: data.data.status }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(quo: QuoClient) {
  // @ts-expect-error Quo's spec requires `content`
  return quo.POST('/v1/messages', { body: { from: '+15555550100', to: ['+15555550123'] } })
}
