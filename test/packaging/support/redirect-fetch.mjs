// Preloaded with `node --import` into a README example, which talks to the provider's real
// host: every https request goes to the mock at TEXTBRIDGE_MOCK_URL instead, path and query
// kept, so the example runs unchanged and offline. Plain http (a local mock) is left alone.
const mock = new URL(process.env.TEXTBRIDGE_MOCK_URL || 'http://127.0.0.1:9')
const realFetch = globalThis.fetch

globalThis.fetch = async (input, init) => {
  const request = new Request(input, init)
  const url = new URL(request.url)
  if (url.protocol !== 'https:') return realFetch(request)
  url.protocol = mock.protocol
  url.host = mock.host
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  return realFetch(
    new Request(url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      signal: request.signal,
    }),
  )
}
