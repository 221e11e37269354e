import { loadSpecValidator, type MockServer, startMock, violationsOf } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type components, createTextUsClient, TEXTUS_MEDIA_TYPE, type TextUsClient } from '../../src/index.js'

type SendBody = components['schemas']['SendMessageRequest']

const spec = loadSpecValidator({ provider: 'textus' })
const valid: SendBody = { to: '+13035551234', body: 'New phone who dis?' }
let mock: MockServer
let textus: TextUsClient

beforeAll(async () => {
  mock = await startMock({ provider: 'textus' })
  textus = createTextUsClient({ baseUrl: mock.url, token: 'contract-token', account: 'my_account' })
})
afterAll(() => mock.close())

describe('sendMessage (POST /{account}/messages) against the TextUs mock', () => {
  it("sends to one recipient with 201, the docs' Message and no spec violation", async () => {
    const { data, error, response } = await textus.POST('/{account}/messages', { body: valid })
    expect(response.status).toBe(201)
    expect(violationsOf(response)).toEqual([])
    expect(error).toBeUndefined()
    expect(data?.['@type']).toBe('Message')
    expect(data?.id).toBe('/messages/QNDkpL')
    expect(spec.validateResponse('sendMessage', 201, data)).toEqual([])
  })

  it('fills in the account and sends Bearer auth and the TextUs media type', async () => {
    mock.clearRequests()
    await textus.POST('/{account}/messages', { body: valid })
    const [request] = mock.requests
    expect(request?.url).toBe('/my_account/messages')
    expect(request?.headers.authorization).toBe('Bearer contract-token')
    expect(request?.headers.accept).toBe(TEXTUS_MEDIA_TYPE)
    expect(request?.headers['content-type']).toBe(TEXTUS_MEDIA_TYPE)
  })

  it('lets one call name another account', async () => {
    mock.clearRequests()
    await textus.POST('/{account}/messages', { params: { path: { account: 'other team' } }, body: valid })
    expect(mock.requests[0]?.url).toBe('/other%20team/messages')
  })

  it('answers 202 with no body to several recipients', async () => {
    const { data, error, response } = await textus.POST('/{account}/messages', {
      body: { to: ['+13035551234', '+13035555678'], body: 'New phone who dis?' },
      headers: { Prefer: 'code=202' },
    })
    expect(response.status).toBe(202)
    expect(violationsOf(response)).toEqual([])
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
  })

  it("accepts each of the docs' request examples", async () => {
    const examples = [
      { to: ['+13035551234'], body: 'New phone who dis?', saved_reply: '/saved_replies/QxvonQv' },
      {
        to: ['+13035551234'],
        body: 'x',
        attachments: [{ media_url: 'https://example.com/example.png', content_type: 'image/png' }],
      },
      { to: '+13035551234', body: 'Thanks for reaching out!', channel: 'whatsapp' },
      {
        to: '+13035551234',
        channel: 'whatsapp',
        template: { id: 'dkDdrbR', variable_values: { appt_date: '1/1', appt_time: '12:00' } },
      },
    ] satisfies SendBody[]
    for (const body of examples) {
      const { response } = await textus.POST('/{account}/messages', { body })
      expect(violationsOf(response), JSON.stringify(body)).toEqual([])
      expect(response.status).toBe(201)
    }
  })

  const invalid: [string, unknown, { location: string[]; code: string }][] = [
    [
      'a recipient not in E.164',
      { ...valid, to: '3035551234' },
      { location: ['request', 'body', 'to'], code: 'pattern' },
    ],
    ['an empty recipient list', { ...valid, to: [] }, { location: ['request', 'body', 'to'], code: 'minItems' }],
    ['neither a body nor a template', { to: valid.to }, { location: ['request', 'body'], code: 'anyOf' }],
    ['an empty body', { ...valid, body: '' }, { location: ['request', 'body', 'body'], code: 'minLength' }],
    [
      'a template without the whatsapp channel',
      { to: valid.to, body: 'x', template: { id: 'dkDdrbR' } },
      { location: ['request', 'body'], code: 'anyOf' },
    ],
    [
      'two attachments',
      {
        ...valid,
        attachments: [
          { media_url: 'https://e.com/a.png', content_type: 'image/png' },
          { media_url: 'https://e.com/b.png', content_type: 'image/png' },
        ],
      },
      { location: ['request', 'body', 'attachments'], code: 'maxItems' },
    ],
    [
      'an attachment type TextUs does not support',
      { ...valid, attachments: [{ media_url: 'https://e.com/a.mp4', content_type: 'video/mp4' }] },
      { location: ['request', 'body', 'attachments', '0', 'content_type'], code: 'enum' },
    ],
  ]
  it.each(invalid)('reports %s as a violation', async (_name, body, violation) => {
    const { response } = await textus.POST('/{account}/messages', { body: body as SendBody })
    expect(response.status).toBe(422)
    expect(violationsOf(response)).toContainEqual(expect.objectContaining(violation))
  })

  it('answers 401 to a request without a token', async () => {
    const response = await fetch(`${mock.url}/my_account/messages`, {
      method: 'POST',
      headers: { 'content-type': TEXTUS_MEDIA_TYPE },
      body: JSON.stringify(valid),
    })
    expect(response.status).toBe(401)
  })

  it.each([401, 422])('returns the documented %i error (no body)', async (status) => {
    const { data, error, response } = await textus.POST('/{account}/messages', {
      body: valid,
      headers: { Prefer: `code=${status}` },
    })
    expect(response.status).toBe(status)
    expect(data).toBeUndefined()
    expect(error).toBeUndefined()
    expect(spec.validateResponse('sendMessage', status, error)).toEqual([])
  })

  it('returns dynamic responses that satisfy the 201 schema (50 seeded samples)', async () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { data, response } = await textus.POST('/{account}/messages', {
        body: valid,
        headers: { Prefer: `dynamic=true, seed=${seed}` },
      })
      expect(response.status).toBe(201)
      expect(spec.validateResponse('sendMessage', 201, data), `seed ${seed}`).toEqual([])
    }
  })
})
