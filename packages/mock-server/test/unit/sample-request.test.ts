import { describe, expect, it } from 'vitest'
import { loadSpecValidator, startMock, violationsOf } from '../../src/index.js'

const tiny = new URL('../fixtures/tiny.yaml', import.meta.url)

describe('sampleRequest', () => {
  it('fills the path parameters and the body from the schemas when there is no example', () => {
    const spec = loadSpecValidator({ spec: tiny })
    const get = spec.sampleRequest('getThing')
    expect(get).toMatchObject({ method: 'GET', path: '/things/{id}', params: { query: {}, header: {} } })
    expect(get.params.path.id).toMatch(/^T[0-9]+$/)
    expect(spec.sampleRequest('createThing')).toMatchObject({
      method: 'POST',
      mediaType: 'application/vnd.tiny+jsonld',
      body: { name: expect.any(String) },
    })
  })

  it('follows $refs to shared parameters declared on the path', () => {
    const refs = loadSpecValidator({ spec: new URL('../fixtures/refs.yaml', import.meta.url) })
    expect(refs.sampleRequest('getThing').params.path.id).toMatch(/^T[0-9]{3}$/)
  })

  it('throws for an operation the spec does not have', () => {
    expect(() => loadSpecValidator({ spec: tiny }).sampleRequest('nope')).toThrow('the spec has no operation "nope"')
  })

  const auth: Record<string, Record<string, string>> = {
    quo: { authorization: 'key' },
    signalwire: { authorization: `Basic ${btoa('project:token')}` },
    textus: { authorization: 'Bearer token' },
  }
  it.each(Object.keys(auth))(
    'builds a request the %s mock accepts for every operation of the spec',
    async (provider) => {
      const spec = loadSpecValidator({ provider })
      await using mock = await startMock({ provider })
      for (const { operationId } of spec.operations()) {
        const request = spec.sampleRequest(operationId)
        const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(String(request.params.path[name])),
        )
        const query = new URLSearchParams()
        for (const [name, value] of Object.entries(request.params.query)) {
          for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item))
        }
        const response = await fetch(`${mock.url}${path}${query.size > 0 ? `?${query}` : ''}`, {
          method: request.method,
          headers: {
            ...auth[provider],
            ...request.params.header,
            ...(request.mediaType ? { 'content-type': request.mediaType } : {}),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        })
        // The request's violations: where the spec gives no example, the mock's own static body
        // may break a pattern (it writes "string"), which says nothing of the request.
        const ofRequest = violationsOf(response).filter((violation) => violation.location[0] === 'request')
        expect(ofRequest, `${operationId}: ${JSON.stringify(request)}`).toEqual([])
        expect(response.ok, operationId).toBe(true)
      }
    },
  )
})
