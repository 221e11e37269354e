// A fetch that asks the mock for a random, spec-valid answer (a new seed each request) and
// then sets to null the fields the spec allows to be null (the mock itself never does), so
// normalization is tested on bodies with extra keys and with nulls.
export interface Served {
  status: number
  body: unknown
}

type Nuller = (body: Record<string, unknown>, seed: number) => void

export function dynamicFetch(nulls: Nuller) {
  const served: Served[] = []
  let seed = 0
  const fetch = async (request: Request) => {
    seed++
    const asked = new Request(request, { headers: new Headers(request.headers) })
    asked.headers.set('prefer', `dynamic=true, seed=${seed}`)
    const response = await globalThis.fetch(asked)
    const text = await response.text()
    if (!response.ok || text === '') {
      served.push({ status: response.status, body: undefined })
      return new Response(text || null, response)
    }
    const body = JSON.parse(text) as Record<string, unknown>
    if (seed % 2 === 0) nulls(body, seed)
    served.push({ status: response.status, body })
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers })
  }
  return { fetch, served }
}

/** Sets each named field of an object to null, when the object has it. */
export function nullify(value: unknown, fields: string[]): void {
  if (value === null || typeof value !== 'object') return
  for (const field of fields) if (field in value) (value as Record<string, unknown>)[field] = null
}
