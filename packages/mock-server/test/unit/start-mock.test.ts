import { afterEach, describe, expect, it } from 'vitest'
import { type MockServer, startMock, violationsOf } from '../../src/index.js'

const TINY = new URL('../fixtures/tiny.yaml', import.meta.url)
const JSONLD = 'application/vnd.tiny+jsonld'
const open: MockServer[] = []

async function mockOf(options: Parameters<typeof startMock>[0]) {
  const mock = await startMock(options)
  open.push(mock)
  return mock
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()))
})

describe('startMock', () => {
  it('serves a spec file on a free loopback port and returns its url', async () => {
    const mock = await mockOf({ spec: TINY })
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`)
    expect(mock.port).toBeGreaterThan(0)
    const response = await fetch(`${mock.url}/things/T1`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: 'T1', size: 3 })
  })

  it("serves a provider's shipped spec by name", async () => {
    const mock = await mockOf({ provider: 'quo' })
    const response = await fetch(`${mock.url}/v1/messages/AC123abc`, { headers: { authorization: 'key' } })
    expect(response.status).toBe(200)
  })

  it('serves a spec given as a document object', async () => {
    const mock = await mockOf({
      spec: {
        openapi: '3.1.0',
        info: { title: 'inline', version: '1' },
        paths: { '/ping': { get: { responses: { '204': { description: 'pong' } } } } },
      },
    })
    expect((await fetch(`${mock.url}/ping`)).status).toBe(204)
  })

  it('two mocks get two different ports', async () => {
    const [a, b] = await Promise.all([mockOf({ spec: TINY }), mockOf({ spec: TINY })])
    expect(a?.port).not.toBe(b?.port)
  })

  it('reads and writes JSON-family vendor media types (+jsonld) as JSON', async () => {
    const mock = await mockOf({ spec: TINY })
    const ok = await fetch(`${mock.url}/things`, {
      method: 'POST',
      headers: { 'content-type': JSONLD },
      body: JSON.stringify({ name: 'lamp' }),
    })
    expect(ok.status).toBe(201)
    expect(violationsOf(ok)).toEqual([])
    const bad = await fetch(`${mock.url}/things`, {
      method: 'POST',
      headers: { 'content-type': JSONLD },
      body: JSON.stringify({ name: '' }),
    })
    expect(bad.status).toBe(422)
    expect(violationsOf(bad)).toEqual([
      expect.objectContaining({ location: ['request', 'body', 'name'], code: 'minLength', severity: 'Error' }),
    ])
  })

  it('reports a body that is not JSON as a violation instead of failing', async () => {
    const mock = await mockOf({ spec: TINY })
    const response = await fetch(`${mock.url}/things`, {
      method: 'POST',
      headers: { 'content-type': JSONLD },
      body: '{"name": ',
    })
    expect(response.status).toBe(422)
    expect(violationsOf(response)).toContainEqual(
      expect.objectContaining({ location: ['request', 'body'], code: 'type' }),
    )
  })

  it('answers with a documented status on Prefer: code=…', async () => {
    const mock = await mockOf({ spec: TINY })
    expect((await fetch(`${mock.url}/things/T1`, { headers: { prefer: 'code=404' } })).status).toBe(404)
  })

  it('refuses a malformed Prefer header with 422 and says why', async () => {
    const mock = await mockOf({ spec: TINY })
    const response = await fetch(`${mock.url}/things/T1`, { headers: { prefer: 'code=abc' } })
    expect(response.status).toBe(422)
    expect((await response.json()).detail).toMatch(/three-digit status/)
  })

  it('generates repeatable dynamic bodies from a seed', async () => {
    const mock = await mockOf({ spec: TINY, dynamic: true, seed: 42 })
    const first = await (await fetch(`${mock.url}/things/T1`)).json()
    const second = await (await fetch(`${mock.url}/things/T1`)).json()
    expect(first).toEqual(second)
    expect(first).not.toEqual({ id: 'T1', size: 3 })
  })

  it('records each request with its violations, and forgets them on clearRequests()', async () => {
    const mock = await mockOf({ spec: TINY })
    await fetch(`${mock.url}/things/X9?a=1`, { headers: { 'x-test': 'yes' } })
    expect(mock.requests).toHaveLength(1)
    expect(mock.requests[0]).toMatchObject({ method: 'GET', url: '/things/X9?a=1', status: 422 })
    expect(mock.requests[0]?.headers['x-test']).toBe('yes')
    expect(mock.requests[0]?.violations).toContainEqual(
      expect.objectContaining({ location: ['request', 'path', 'id'], code: 'pattern' }),
    )
    mock.clearRequests()
    expect(mock.requests).toHaveLength(0)
  })

  it('frees its port on close(), and close() can be called twice', async () => {
    const mock = await startMock({ spec: TINY })
    await fetch(`${mock.url}/things/T1`)
    await mock.close()
    await mock.close()
    await expect(fetch(`${mock.url}/things/T1`)).rejects.toThrow()
  })

  it('closes with `await using`', async () => {
    let url = ''
    {
      await using mock = await startMock({ spec: TINY })
      url = mock.url
    }
    await expect(fetch(`${url}/things/T1`)).rejects.toThrow()
  })

  it.each([
    [{}, /needs a provider/],
    [{ provider: 'quo', spec: TINY }, /either provider or spec/],
    [{ provider: '../etc' }, /provider must be a package name/],
    [{ provider: 'nosuchprovider' }, /install @textbridge\/nosuchprovider/],
    [{ spec: '/no/such/spec.yaml' }, /spec file not found/],
  ])('rejects %j with a clear error', async (options, message) => {
    await expect(startMock(options)).rejects.toThrow(message)
  })
})
