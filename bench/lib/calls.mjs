// What is timed: one operation written every way a user could write it. Every way sends the
// same request (method, URL, headers, JSON body) and reads the same answer as JSON.
import { createQuoClient } from '@textbridge/quo'
import { createSignalWireClient } from '@textbridge/signalwire'
import { createTextUsClient } from '@textbridge/textus'
import axios from 'axios'
import ky from 'ky'
import { createFetch } from 'ofetch'
import createClient from 'openapi-fetch'
import { createQuoMessenger } from 'textbridge/quo'
import { createSignalWireMessenger } from 'textbridge/signalwire'
import { createTextUsMessenger } from 'textbridge/textus'
import { request as undiciRequest } from 'undici'

const FROM = '+15555550100'
const TO = '+15555550123'
const TEXT = 'Hello from the bench'
const QUO_KEY = 'bench-key'
const SW = { projectId: 'bench-project', apiToken: 'bench-token' }
const TEXTUS = { token: 'bench-token', account: 'my_account', mediaType: 'application/vnd.textus+jsonld' }
const JSON_TYPE = 'application/json'

/**
 * The operations, each with the request every way sends, and how our packages make it.
 * `example` is the key of the answer in the examples loaded from the specs.
 */
export const OPERATIONS = [
  {
    name: 'quo send',
    example: 'quo sendMessage_v1',
    request: {
      method: 'POST',
      path: '/v1/messages',
      headers: { authorization: QUO_KEY, 'content-type': JSON_TYPE },
      body: { from: FROM, to: [TO], content: TEXT },
    },
    client: (base, fetch) => {
      const quo = createQuoClient({ apiKey: QUO_KEY, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => quo.POST('/v1/messages', { body: { from: FROM, to: [TO], content: TEXT } }).then(expectData)
    },
    facade: (base, fetch) => {
      const sms = createQuoMessenger({ apiKey: QUO_KEY, from: FROM, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => sms.send({ to: TO, text: TEXT })
    },
  },
  {
    name: 'quo get',
    example: 'quo getMessageById_v1',
    request: { method: 'GET', path: '/v1/messages/AC123abc', headers: { authorization: QUO_KEY } },
    client: (base, fetch) => {
      const quo = createQuoClient({ apiKey: QUO_KEY, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => quo.GET('/v1/messages/{id}', { params: { path: { id: 'AC123abc' } } }).then(expectData)
    },
    facade: (base, fetch) => {
      const sms = createQuoMessenger({ apiKey: QUO_KEY, from: FROM, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => sms.get('AC123abc')
    },
  },
  {
    name: 'quo list (one page)',
    example: 'quo listMessages_v1',
    request: {
      method: 'GET',
      path: '/v1/messages',
      query: { phoneNumberId: 'PN123abc', participants: [TO], maxResults: 10 },
      headers: { authorization: QUO_KEY },
    },
    client: (base, fetch) => {
      const quo = createQuoClient({ apiKey: QUO_KEY, baseUrl: base, ...(fetch ? { fetch } : {}) })
      const query = { phoneNumberId: 'PN123abc', participants: [TO], maxResults: 10 }
      return () => quo.GET('/v1/messages', { params: { query } }).then(expectData)
    },
    facade: (base, fetch, example) => {
      const sms = createQuoMessenger({ apiKey: QUO_KEY, from: 'PN123abc', baseUrl: base, ...(fetch ? { fetch } : {}) })
      // The example page's length as the limit: the facade stops after this one page.
      const limit = JSON.parse(example.body.toString()).data.length
      return async () => {
        const messages = []
        for await (const message of sms.list({ participants: [TO] }, { maxResults: 10, limit })) messages.push(message)
        return messages
      }
    },
  },
  {
    name: 'signalwire send',
    example: 'signalwire create_message',
    request: {
      method: 'POST',
      path: '/api/messaging/messages',
      headers: { authorization: `Basic ${btoa(`${SW.projectId}:${SW.apiToken}`)}`, 'content-type': JSON_TYPE },
      body: { from: FROM, body: TEXT, to: TO },
    },
    client: (base, fetch) => {
      const sw = createSignalWireClient({ ...SW, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => sw.POST('/api/messaging/messages', { body: { from: FROM, body: TEXT, to: TO } }).then(expectData)
    },
    facade: (base, fetch) => {
      const sms = createSignalWireMessenger({ ...SW, from: FROM, baseUrl: base, ...(fetch ? { fetch } : {}) })
      return () => sms.send({ to: TO, text: TEXT })
    },
  },
  {
    name: 'textus send',
    example: 'textus sendMessage',
    request: {
      method: 'POST',
      path: `/${TEXTUS.account}/messages`,
      headers: {
        accept: TEXTUS.mediaType,
        'content-type': TEXTUS.mediaType,
        authorization: `Bearer ${TEXTUS.token}`,
      },
      body: { to: TO, body: TEXT },
    },
    client: (base, fetch) => {
      const textus = createTextUsClient({
        token: TEXTUS.token,
        account: TEXTUS.account,
        baseUrl: base,
        ...(fetch ? { fetch } : {}),
      })
      return () => textus.POST('/{account}/messages', { body: { to: TO, body: TEXT } }).then(expectData)
    },
    facade: (base, fetch) => {
      const sms = createTextUsMessenger({
        token: TEXTUS.token,
        account: TEXTUS.account,
        baseUrl: base,
        ...(fetch ? { fetch } : {}),
      })
      return () => sms.send({ to: TO, text: TEXT })
    },
  },
]

/** A ready answer for the client-alone mode: a new Response (a body is read once) with the example's bytes. */
export function stubFetch(example) {
  const init = { status: example.status, headers: { 'content-type': example.contentType } }
  const body = new Uint8Array(example.body)
  return () => Promise.resolve(new Response(body, init))
}

/**
 * Every way of making one operation, as `[name, () => Promise]`, for a mode: `fetch` is the
 * stub of the client-alone mode, or undefined for real HTTP to `base`.
 */
export function waysOf(operation, example, base, fetch) {
  const { method, path, headers } = operation.request
  const url = base + path + queryString(operation.request.query)
  const body = operation.request.body === undefined ? undefined : JSON.stringify(operation.request.body)
  const send = fetch ?? globalThis.fetch
  const api = createClient({ baseUrl: base, headers, ...(fetch ? { fetch } : {}) })
  const apiInit = {
    ...(body === undefined ? {} : { body: operation.request.body }),
    ...(operation.request.query ? { params: { query: operation.request.query } } : {}),
  }
  const ax = axios.create(fetch ? { adapter: 'fetch', env: { fetch } } : {})
  const kyApi = ky.create(fetch ? { fetch } : {})
  const $fetch = createFetch(fetch ? { fetch } : {})
  const ways = [
    [
      'fetch',
      async () => {
        const response = await send(url, { method, headers, body })
        if (!response.ok) throw new Error(`status ${response.status}`)
        return response.json()
      },
    ],
  ]
  // undici's request has no fetch to replace: it is timed over real HTTP only.
  if (!fetch) {
    ways.push([
      'undici request',
      async () => {
        const response = await undiciRequest(url, { method, headers, body })
        if (response.statusCode >= 400) throw new Error(`status ${response.statusCode}`)
        return response.body.json()
      },
    ])
  }
  ways.push(
    ['openapi-fetch (bare)', () => api.request(method, path, apiInit).then(expectData)],
    ['provider client', operation.client(base, fetch)],
    ['facade', operation.facade(base, fetch, example)],
    ['axios', () => ax.request({ method, url, headers, data: body, responseType: 'json' }).then((r) => r.data)],
    ['ky', () => kyApi(url, { method, headers, body }).json()],
    ['ofetch', () => $fetch(url, { method, headers, body, responseType: 'json' })],
  )
  return ways
}

function queryString(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item))
  }
  return `?${params}`
}

function expectData(result) {
  if (result.error !== undefined || result.data === undefined) {
    throw new Error(`unexpected answer ${result.response.status}`)
  }
  return result.data
}
