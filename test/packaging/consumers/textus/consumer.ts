import { createTextUsClient, type TextUsClient } from '@textbridge/textus'

export async function main(baseUrl: string) {
  const textus: TextUsClient = createTextUsClient({ baseUrl, token: 'consumer-token', account: 'consumer_account' })
  const { data, error, response } = await textus.POST('/{account}/messages', {
    body: { to: '+13035551234', body: 'Hello from a packed tarball' },
  })
  if (error) throw new Error(`TextUs answered ${response.status}`)
  return { status: response.status, type: data?.['@type'], id: data?.id }
}

// Never called. It compiles only while the published types are the real ones: were they
// `any`, the expected error would be missing and tsc would fail.
export function typesAreChecked(textus: TextUsClient) {
  // @ts-expect-error TextUs's spec requires `to`
  return textus.POST('/{account}/messages', { body: { body: 'x' } })
}
