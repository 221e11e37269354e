// Adding a provider is its adapter file, its provider package and one registry line: proved
// on a temporary copy of the facade's source, with a fake provider, compiled by strict tsc
// and then driven through createMessenger.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

// The provider package: a client factory, as thin as ours (here on plain fetch).
const PROVIDER_PACKAGE = `
export interface FakeClient {
  POST(path: '/texts', init: { body: { to: string; text: string }; fetch: (r: Request) => Promise<Response>; bodySerializer: (b: unknown) => string }): Promise<{ data?: unknown; error?: unknown; response: Response }>
}
export function fakeAuthorization(token: string): string {
  return 'Token ' + token
}
export function createFakeClient(options: { token: string; baseUrl?: string; headers?: Record<string, string> }): FakeClient {
  if (typeof options.token !== 'string' || options.token === '') {
    throw Object.assign(new TypeError('createFakeClient: option "token" is required.'), { option: 'token', detail: 'option "token" is required.' })
  }
  const base = options.baseUrl ?? 'https://fake.test'
  return {
    async POST(path, init) {
      const request = new Request(base + path, {
        method: 'POST',
        headers: { ...options.headers, authorization: fakeAuthorization(options.token), 'content-type': 'application/json' },
        body: init.bodySerializer(init.body),
      })
      const response = await init.fetch(request)
      return { response, ...(response.ok ? { data: undefined } : { error: await response.text() }) }
    },
  }
}
`

// The adapter file: only what the facade must know of the provider.
const ADAPTER = `
import { createFakeClient, fakeAuthorization, type FakeClient } from '../../fake-provider/index.js'
import type { Adapter } from '../core/adapter.js'
import { eachRecipient } from '../core/broadcast.js'
import { capabilities } from '../core/capabilities.js'
import { createFromAdapter, type PreviewResult } from '../core/messenger.js'
import { mapStatus, readDate, readObject, readString, segmentsOf } from '../core/read.js'
import type { BroadcastResultOf } from '../core/results.js'
import type { CallOptions, CommonMessengerOptions, FactoryOptions, MessageOf } from '../core/types.js'
import { Checks, E164 } from '../core/validation.js'

export const FAKE_CAPABILITIES = capabilities({ group: false, media: false, get: false, list: false })
export type FakeMessage = MessageOf<'fake', { id: string; state: string }>
export interface FakeMessengerOptions extends CommonMessengerOptions {
  provider: 'fake'
  token: string
  from: string
  baseUrl?: string
}
export interface FakeMessenger {
  readonly provider: 'fake'
  readonly capabilities: typeof FAKE_CAPABILITIES
  send(input: { to: string; text: string }, options?: CallOptions): Promise<FakeMessage>
  broadcast(input: { to: string[]; text: string }, options?: CallOptions): Promise<BroadcastResultOf<FakeMessage>>
  preview(input: { to: string | string[]; text: string }, options?: CallOptions): Promise<PreviewResult>
}
type Body = { to: string; text: string }

export const fake = {
  provider: 'fake',
  name: 'Fake',
  capabilities: FAKE_CAPABILITIES,
  options: ['token', 'from', 'baseUrl'],
  credentials: 'token',
  secrets: ({ token }) => [token, typeof token === 'string' ? fakeAuthorization(token) : undefined],
  errorInfo: () => ({}),
  setup(options, kit) {
    const client = kit.client(() => createFakeClient({ token: options.token, ...kit.shared }))
    return client && { client, from: options.from }
  },
  send: {
    problems(input, mode) {
      const checks = new Checks('fake', 'send')
      if (!checks.object(input, '', ['to', 'text'])) return checks.problems
      if (mode === 'broadcast') checks.broadcastRecipients(input.to, E164, 'E.164')
      else checks.oneRecipient(input.to, E164, 'E.164', 'one recipient')
      checks.text(input.text, 'text', { required: true, max: 10 })
      return checks.problems
    },
    bodies: (input) => (Array.isArray(input.to) ? input.to : [input.to]).map((to) => ({ to, text: String(input.text) })),
    recipients: (body) => [body.to],
    post: (state, body, init) => state.client.POST('/texts', { body, ...init }),
    read(body, request, state): FakeMessage[] {
      const raw = readObject(body, 'body')
      return [{
        id: readString(raw.id, 'body.id'), provider: 'fake', from: state.from, to: [request.to], text: request.text,
        media: [], status: mapStatus({ ok: 'sent' }, raw.state), providerStatus: readString(raw.state, 'body.state'),
        direction: 'outbound', createdAt: readDate(undefined), segments: segmentsOf(request.text), raw: raw as { id: string; state: string },
      }]
    },
    fanOut: eachRecipient,
  },
} satisfies Adapter<'fake', FactoryOptions<FakeMessengerOptions>, { client: FakeClient; from: string }, Body, FakeMessage, typeof FAKE_CAPABILITIES, object>

export function createFakeMessenger(options: FactoryOptions<FakeMessengerOptions>): FakeMessenger {
  return createFromAdapter(fake, options) satisfies FakeMessenger
}
`

// A user of the facade, compiled with it: the new provider is in every derived type.
const CONSUMER = `
import { createMessenger, type Messenger, type MessengerOptions, type Provider, PROVIDERS } from './index.js'
import type { FakeMessenger } from './adapters/fake.js'

export const sms: FakeMessenger = createMessenger({ provider: 'fake', token: 'fake-token-123', from: '+15555550100' })
export const name: Provider = 'fake'
export const any: Messenger = sms
export const options: MessengerOptions = { provider: 'fake', token: 't', from: '+1' }
export const all: readonly Provider[] = PROVIDERS
// @ts-expect-error a Fake messenger takes no apiKey
createMessenger({ provider: 'fake', token: 't', from: '+1', apiKey: 'k' })
// @ts-expect-error Fake needs a token
createMessenger({ provider: 'fake', from: '+1' })
`

let root: string
let diagnostics: string[]

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'textbridge-fourth-'))
  cpSync(join(PACKAGE, 'src'), join(root, 'src'), { recursive: true })
  symlinkSync(join(PACKAGE, 'node_modules'), join(root, 'node_modules'), 'dir')
  mkdirSync(join(root, 'fake-provider'))
  writeFileSync(join(root, 'fake-provider', 'index.ts'), PROVIDER_PACKAGE)
  writeFileSync(join(root, 'src', 'adapters', 'fake.ts'), ADAPTER)
  writeFileSync(join(root, 'src', 'consumer.ts'), CONSUMER)
  // The one registry line.
  const registry = join(root, 'src', 'registry.ts')
  writeFileSync(
    registry,
    `${readFileSync(registry, 'utf8')}export { createFakeMessenger as fake } from './adapters/fake.js'\n`,
  )
  const base = ts.readConfigFile(resolve(PACKAGE, '../../tsconfig.base.json'), ts.sys.readFile).config
  const parsed = ts.parseJsonConfigFileContent(
    {
      ...base,
      compilerOptions: { ...base.compilerOptions, noEmit: true, types: ['node'] },
      include: ['src', 'fake-provider'],
    },
    ts.sys,
    root,
  )
  const program = ts.createProgram(parsed.fileNames, parsed.options)
  diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? `${d.file.fileName}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}, 60_000)

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('a fourth provider', () => {
  it('compiles under strict tsc with the adapter, its package and one registry line', () => {
    expect(diagnostics).toEqual([])
  })

  it('is created, validated, sent and previewed through createMessenger', async () => {
    const { createMessenger, PROVIDERS, ValidationError } = await import(
      pathToFileURL(join(root, 'src', 'index.ts')).href
    )
    expect(PROVIDERS).toContain('fake')
    const seen: string[] = []
    const sms = createMessenger({
      provider: 'fake',
      token: 'fake-token-123',
      from: '+15555550100',
      fetch: async (request: Request) => {
        seen.push(`${request.method} ${request.url} ${await request.text()}`)
        return Response.json({ id: 'T1', state: 'ok' })
      },
    })
    const message = await sms.send({ to: '+15555550123', text: 'Hi' })
    expect(message).toMatchObject({ id: 'T1', provider: 'fake', status: 'sent', to: ['+15555550123'] })
    expect(seen).toEqual(['POST https://fake.test/texts {"to":"+15555550123","text":"Hi"}'])
    await expect(sms.send({ to: '555', text: 'far too long a text' })).rejects.toBeInstanceOf(ValidationError)
    const dry = await sms.preview({ to: ['+15555550123', '+15555550124'], text: 'Hi' })
    expect(dry.requests).toHaveLength(2)
    expect(JSON.stringify(dry)).not.toContain('fake-token-123')
    expect(() => createMessenger({ provider: 'fake', from: '+1' })).toThrow(
      /createMessenger \(fake\): option "token" is required/,
    )
  })
})
