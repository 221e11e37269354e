import { afterEach, describe, expect, it } from 'vitest'
import { FAULT_KINDS, type FaultKind, type MockServer, startFaultProxy, startMock } from '../../src/index.js'

const TINY = new URL('../fixtures/tiny.yaml', import.meta.url)
const JSONLD = 'application/vnd.tiny+jsonld'
const open: MockServer[] = []

async function mockWith(faults: Parameters<typeof startMock>[0]['faults']) {
  const mock = await startMock({ spec: TINY, faults })
  open.push(mock)
  return mock
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()))
})

const create = (url: string, signal?: AbortSignal) =>
  fetch(`${url}/things`, {
    method: 'POST',
    headers: { 'content-type': JSONLD, authorization: 'Bearer secret-canary' },
    body: JSON.stringify({ name: 'lamp' }),
    ...(signal ? { signal } : {}),
  })

describe('fault injection', () => {
  it('answers 429 with Retry-After in seconds, without processing the request', async () => {
    const mock = await mockWith({ schedule: ['rate-limit'], retryAfterSeconds: 3 })
    const response = await create(mock.url)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    expect(mock.requests[0]).toMatchObject({ fault: 'rate-limit', processed: false, engineStatus: 0, status: 429 })
  })

  it('answers 429 with Retry-After as an HTTP date', async () => {
    const mock = await mockWith({ schedule: ['rate-limit-date'], retryAfterSeconds: 60 })
    const response = await create(mock.url)
    const at = Date.parse(response.headers.get('retry-after') ?? '')
    expect(response.status).toBe(429)
    expect(at - Date.now()).toBeGreaterThan(55_000)
  })

  it.each([
    ['server-error', 500],
    ['unavailable', 503],
  ] as const)('answers %s as %i without processing the request', async (fault, status) => {
    const mock = await mockWith({ schedule: [fault] })
    expect((await create(mock.url)).status).toBe(status)
    expect(mock.requests[0]?.processed).toBe(false)
  })

  it('answers 502 from a gateway after the request was processed', async () => {
    const mock = await mockWith({ schedule: ['bad-gateway'] })
    const response = await create(mock.url)
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toBe('text/html')
    expect(mock.requests[0]).toMatchObject({ processed: true, engineStatus: 201, status: 502 })
  })

  it('resets the connection before any answer', async () => {
    const mock = await mockWith({ schedule: ['reset'] })
    await expect(create(mock.url)).rejects.toThrow()
    expect(mock.requests[0]).toMatchObject({ processed: false, status: 0 })
  })

  it('resets the connection in the middle of the body, after processing', async () => {
    const mock = await mockWith({ schedule: ['reset-mid-body'] })
    const response = await create(mock.url)
    expect(response.status).toBe(201)
    await expect(response.text()).rejects.toThrow()
    expect(mock.requests[0]?.processed).toBe(true)
  })

  it('hangs until the client gives up', async () => {
    const mock = await mockWith({ schedule: ['hang'] })
    const started = Date.now()
    await expect(create(mock.url, AbortSignal.timeout(200))).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(mock.requests[0]?.processed).toBe(true)
  })

  it('trickles a slow body that still arrives whole', async () => {
    const mock = await mockWith({ schedule: ['slow-body'], slowBodyMs: 300 })
    const started = Date.now()
    const response = await create(mock.url)
    expect(await response.json()).toEqual({ name: expect.any(String) })
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
  })

  it('sends a body that is not JSON, or a wrong content type', async () => {
    const mock = await mockWith({ schedule: ['malformed-json', 'wrong-content-type'] })
    const broken = await create(mock.url)
    expect(broken.status).toBe(201)
    await expect(broken.json()).rejects.toThrow()
    const mislabelled = await create(mock.url)
    expect(mislabelled.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await mislabelled.json()).toEqual({ name: expect.any(String) })
  })

  it("echoes the request's headers in an error, as a hostile server would", async () => {
    const mock = await mockWith({ schedule: ['echo-headers'] })
    const response = await create(mock.url)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('secret-canary')
  })

  it('follows a schedule, cycling, with null for no fault, and counts what it injected', async () => {
    const mock = await mockWith({ schedule: [null, 'server-error', null] })
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await create(mock.url)).status)
    expect(statuses).toEqual([201, 500, 201, 201, 500, 201])
    expect(mock.faultCounts()).toEqual({ 'server-error': 2 })
  })

  it('draws faults at a seeded rate: the same seed, the same faults', async () => {
    const draw = async (seed: number) => {
      const mock = await mockWith({ rate: 0.5, kinds: ['server-error', 'unavailable'], seed })
      for (let i = 0; i < 40; i++) await create(mock.url)
      return mock.requests.map((request) => request.fault ?? '-')
    }
    const first = await draw(7)
    expect(await draw(7)).toEqual(first)
    expect(await draw(8)).not.toEqual(first)
    const faulted = first.filter((fault) => fault !== '-').length
    expect(faulted).toBeGreaterThan(10)
    expect(faulted).toBeLessThan(30)
  })

  it('weighs kinds, limits faults to some requests, and can be turned off and on', async () => {
    const mock = await mockWith({
      rate: 1,
      kinds: { 'server-error': 1, unavailable: 0 },
      only: ({ method }) => method === 'POST',
    })
    expect((await create(mock.url)).status).toBe(500)
    expect((await fetch(`${mock.url}/things/T1`)).status).toBe(200)
    mock.setFaults(undefined)
    expect((await create(mock.url)).status).toBe(201)
    mock.setFaults({ schedule: ['unavailable'] })
    expect((await create(mock.url)).status).toBe(503)
  })

  it('refuses unknown faults and a rate outside 0..1', async () => {
    await expect(startMock({ spec: TINY, faults: { schedule: ['meteor' as FaultKind] } })).rejects.toThrow(
      /unknown fault "meteor"/,
    )
    await expect(startMock({ spec: TINY, faults: { rate: 2 } })).rejects.toThrow(/rate must be a number from 0 to 1/)
    expect(FAULT_KINDS).toHaveLength(12)
  })
})

describe('startFaultProxy', () => {
  it('forwards to any server and injects faults in front of it', async () => {
    const target = await mockWith(undefined)
    const proxy = await startFaultProxy({
      target: target.url,
      faults: { schedule: [null, 'unavailable', 'bad-gateway'] },
    })
    open.push(proxy)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await create(proxy.url)).status)
    expect(statuses).toEqual([201, 503, 502])
    // The target saw the first and the third: the 503 came before, the 502 after it answered.
    expect(target.requests).toHaveLength(2)
    expect(proxy.requests.map((r) => r.processed)).toEqual([true, false, true])
    expect(JSON.parse(target.requests[0]?.body ?? '')).toEqual({ name: 'lamp' })
  })

  it('answers 502 when the target is down', async () => {
    const proxy = await startFaultProxy({ target: 'http://127.0.0.1:9' })
    open.push(proxy)
    expect((await create(proxy.url)).status).toBe(502)
  })
})
