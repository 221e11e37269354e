// The facade's HTTP client: a provider's settings (base URL, headers with its auth, as the
// provider package's factory checks them) and one call (path, parameters, JSON body) made into
// the Request openapi-fetch would build, handed to the call's fetch, and its answer read as
// openapi-fetch reads it with `parseAs: 'stream'`. Only what the adapters' calls use, so a
// messenger's bundle carries no openapi-fetch (test/core/client.test.ts holds the two to the
// same requests and answers).
import type { CallInit, ClientAnswer } from './call.js'

/** What a provider's client sends every request with: where to, and its headers (auth included). */
export interface ClientSettings {
  baseUrl: string
  headers: Record<string, string>
}

type Value = string | number | boolean

/** One call: `path` fills `{name}` in the path, `query` repeats a name per item of a list (form, exploded). */
export interface ClientInit extends CallInit {
  params?: {
    path?: Record<string, Value | undefined>
    query?: Record<string, Value | readonly Value[] | undefined>
  }
  body?: unknown
}

/** The calls the adapters make. */
export interface CallClient {
  GET(path: string, init: ClientInit): Promise<ClientAnswer>
  POST(path: string, init: ClientInit): Promise<ClientAnswer>
}

/** A client for one provider; `pathDefaults` fill path parameters a call leaves out (TextUs's account). */
export function createCallClient(settings: ClientSettings, pathDefaults: Record<string, Value> = {}): CallClient {
  const call = (method: string) => async (path: string, init: ClientInit) => {
    const { params = {}, body, fetch, signal, bodySerializer } = init
    const values: Record<string, Value | undefined> = { ...pathDefaults, ...params.path }
    let url =
      settings.baseUrl.replace(/\/$/, '') +
      path.replace(/\{([^{}]+)\}/g, (match, name: string) => {
        const value = values[name]
        return value === undefined ? match : encodeURIComponent(value)
      })
    const query: string[] = []
    for (const [name, value] of Object.entries(params.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) query.push(`${name}=${encodeURIComponent(item)}`)
      }
    }
    if (query.length > 0) url += `?${query.join('&')}`
    const text = body === undefined ? undefined : bodySerializer(body)
    const headers = new Headers(settings.headers)
    if (text !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json')
    const response = await fetch(new Request(url, { redirect: 'follow', method, headers, body: text ?? null, signal }))
    const length = response.headers.get('content-length')
    if (
      response.status === 204 ||
      (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))
    ) {
      return response.ok ? { data: undefined, response } : { error: undefined, response }
    }
    if (response.ok) return { data: response.body, response }
    let error: unknown = await response.text()
    try {
      error = JSON.parse(error as string)
    } catch {
      // Not JSON: the text, as openapi-fetch gives it.
    }
    return { error, response }
  }
  return { GET: call('GET'), POST: call('POST') }
}
