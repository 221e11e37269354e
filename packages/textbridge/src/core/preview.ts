// A dry run: the requests a send would make, built by the provider's client exactly as a real
// send builds them, then stopped before they leave. Credentials are never part of it.
import type { CallInit, ClientAnswer } from './call.js'
import type { PreviewRequest } from './types.js'

const STOPPED = Symbol('stopped before sending')

/** The request `post` would make, caught at its fetch. */
export async function captureRequest(
  post: (init: CallInit) => Promise<ClientAnswer>,
  redact: (text: string) => string,
): Promise<PreviewRequest> {
  let captured: PreviewRequest | undefined
  const init: CallInit = {
    signal: new AbortController().signal,
    parseAs: 'stream',
    bodySerializer: (body) => JSON.stringify(body),
    fetch: async (request) => {
      captured = await describeRequest(request, redact)
      throw STOPPED
    },
  }
  try {
    await post(init)
  } catch (error) {
    if (error !== STOPPED) throw error
  }
  if (!captured) throw new Error('the provider client made no request')
  return captured
}

async function describeRequest(request: Request, redact: (text: string) => string): Promise<PreviewRequest> {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    // A header that carries a credential is left out, not shown redacted: it is not the caller's.
    if (name !== 'authorization' && redact(value) === value) headers[name] = value
  })
  const text = request.body === null ? '' : await request.text()
  let body: unknown
  try {
    body = text === '' ? undefined : JSON.parse(redact(text))
  } catch {
    body = redact(text)
  }
  return { method: request.method, url: redact(request.url), headers, body }
}
