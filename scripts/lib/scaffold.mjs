// A new provider package from a spec: its client's auth follows the spec's security schemes,
// its base URL the spec's server; the files come from scripts/templates/provider/.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { listOperations } from './operations.mjs'
import { ROOT, UserError } from './specs.mjs'
import { buildPackage } from './tools.mjs'

const TEMPLATES = join(ROOT, 'scripts', 'templates', 'provider')
const CONSUMER_TEMPLATE = join(ROOT, 'scripts', 'templates', 'consumer')

export const PROVIDER_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/** `acme-sms` → `AcmeSms` (the factory is `createAcmeSmsClient`). */
export function pascalCase(name) {
  return name
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
}

/**
 * The credentials a client needs, from the first requirement of the spec's `security` (or,
 * without one, of its first operation that has one) and `components.securitySchemes`.
 * Each credential: `{ scheme, kind: 'apiKey' | 'basic' | 'bearer', header, options }`.
 */
export function deriveAuth(spec) {
  const schemes = spec.components?.securitySchemes ?? {}
  const lists = [spec.security, ...listOperations(spec).map((op) => spec.paths[op.path][op.method].security)]
  const requirement = lists
    .filter(Array.isArray)
    .flat()
    .find((entry) => entry && Object.keys(entry).length > 0)
  if (!requirement) return []
  const credentials = Object.keys(requirement).map((name) => credentialFor(name, schemes[name]))
  const apiKeys = credentials.filter((credential) => credential.kind === 'apiKey')
  // Two API keys each need an option of their own, named after their schemes.
  if (apiKeys.length > 1) for (const key of apiKeys) key.options = [camelCase(key.scheme)]
  const authorization = credentials.filter((credential) => credential.header.toLowerCase() === 'authorization')
  if (authorization.length > 1) {
    throw new UserError(
      `the spec requires ${authorization.map((c) => `"${c.scheme}"`).join(' and ')} together, ` +
        'and both travel in the Authorization header: write the client by hand',
    )
  }
  return credentials
}

function credentialFor(name, scheme) {
  if (!scheme) throw new UserError(`the spec's security names "${name}", which components.securitySchemes lacks`)
  if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) {
    return { scheme: name, kind: 'apiKey', header: scheme.name, options: ['apiKey'] }
  }
  const http = String(scheme.scheme ?? '').toLowerCase()
  if (scheme.type === 'http' && http === 'basic') {
    return { scheme: name, kind: 'basic', header: 'Authorization', options: ['username', 'password'] }
  }
  if (scheme.type === 'http' && http === 'bearer') {
    return { scheme: name, kind: 'bearer', header: 'Authorization', options: ['token'] }
  }
  const what = scheme.type === 'apiKey' ? `an API key in the ${scheme.in}` : `${scheme.type}${http ? ` ${http}` : ''}`
  throw new UserError(
    `security scheme "${name}" (${what}) is not one new-provider can scaffold: it handles an API key in a ` +
      'header, HTTP basic and HTTP bearer; write src/index.ts by hand for this one',
  )
}

function camelCase(text) {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return words.map((word, i) => (i === 0 ? word[0].toLowerCase() : word[0].toUpperCase()) + word.slice(1)).join('')
}

/** The spec's server as a default base URL, when it is one fixed absolute http(s) URL. */
export function defaultBaseUrl(spec) {
  const url = spec.servers?.[0]?.url
  return typeof url === 'string' && /^https?:\/\/[^{}\s]+$/.test(url) ? url.replace(/\/+$/, '') : null
}

/** The package's files as `{ path, content }` (paths relative to packages/<name>/). */
export function packageFiles({ name, spec, credentials, specOrigin, sample }) {
  const values = placeholders({ name, spec, credentials, specOrigin, sample })
  return templateFiles().map((template) => ({
    path: template.path.replace(/\.tmpl$/, '').replace('create-client.test.ts', `create-${name}-client.test.ts`),
    content: fill(readFileSync(join(TEMPLATES, template.path), 'utf8'), values, template.path),
  }))
}

/**
 * The package's consumer fixture (`test/packaging/consumers/<name>/`, paths relative to it):
 * the sample request of its first operation, sent from the packed tarball.
 */
export function consumerFiles({ name, spec, credentials, specOrigin, sample }) {
  const values = placeholders({ name, spec, credentials, specOrigin, sample })
  const consumer = fill(readFileSync(join(CONSUMER_TEMPLATE, 'consumer.ts.tmpl'), 'utf8'), values, 'consumer.ts.tmpl')
  const fixture = { install: [`@textbridge/${name}`], mock: name, reply: { ok: true } }
  return [
    { path: 'consumer.ts', content: consumer },
    { path: 'fixture.json', content: `${JSON.stringify(fixture, null, 2)}\n` },
  ]
}

/**
 * `@textbridge/mock-server`, which checks and samples specs; it is built first when it is not
 * (a fresh clone has no dist/).
 */
export async function loadMockServer() {
  if (buildPackage('@textbridge/mock-server') !== 0) {
    throw new UserError(
      'the build of @textbridge/mock-server, which checks and samples the spec, failed (output above)',
    )
  }
  return import('@textbridge/mock-server')
}

/**
 * The sample request (the spec's examples, else its schemas) of the spec's first operation:
 * what the README example and the consumer fixture send. `validator` is the mock server's
 * loadSpecValidator(spec).
 */
export function sampleFirstOperation(spec, validator) {
  const first = listOperations(spec)[0]
  return first?.operationId ? validator.sampleRequest(first.operationId) : null
}

/** `, { params: …, body: … }` for a sample request (empty when it needs neither). */
function initLiteral(sample) {
  const entries = []
  const params = Object.fromEntries(
    ['path', 'query', 'header']
      .filter((place) => Object.keys(sample.params[place]).length > 0)
      .map((place) => [place, sample.params[place]]),
  )
  if (Object.keys(params).length > 0) entries.push(['params', params])
  if (sample.body !== undefined) entries.push(['body', sample.body])
  if (sample.mediaType && sample.mediaType !== 'application/json') {
    entries.push(['headers', { 'Content-Type': sample.mediaType }])
  }
  return entries.length > 0 ? `, ${literal(Object.fromEntries(entries))}` : ''
}

/** A value as TypeScript source: identifier keys bare, strings single-quoted. */
function literal(value, indent = '') {
  const inner = `${indent}  `
  const wrap = (open, items, close) => {
    if (items.length === 0) return `${open}${close}`
    const flat = open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`
    if (flat.length <= 72 && !flat.includes('\n')) return flat
    return `${open}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close}`
  }
  if (Array.isArray(value))
    return wrap(
      '[',
      value.map((item) => literal(item, inner)),
      ']',
    )
  if (value !== null && typeof value === 'object') {
    const items = Object.entries(value).map(([key, item]) => `${quoteKey(key)}: ${literal(item, inner)}`)
    return wrap('{', items, '}')
  }
  if (typeof value === 'string') {
    return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/** The spec's first server with each variable at its default: a base URL for the README. */
function exampleBaseUrl(spec) {
  const server = spec.servers?.[0]
  const url = String(server?.url ?? '').replace(/\{([^}]+)\}/g, (whole, variable) =>
    String(server?.variables?.[variable]?.default ?? whole),
  )
  return /^https?:\/\/[^{}\s]+$/.test(url) ? url.replace(/\/+$/, '') : 'https://api.example.com'
}

function templateFiles() {
  const found = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.tmpl')) found.push({ path: relative(TEMPLATES, path) })
    }
  }
  walk(TEMPLATES)
  return found.sort((a, b) => a.path.localeCompare(b.path))
}

function fill(template, values, name) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`${name}: no value for {{${key}}}`)
    return values[key]
  })
}

const FIELD_DOCS = {
  apiKey: (c) => `Your API key, sent as the \`${c.header}\` header of every request.`,
  username: () => 'The user name of HTTP Basic auth.',
  password: () => 'The password of HTTP Basic auth.',
  token: () => 'Your API token, sent as `Authorization: Bearer <token>`.',
}

/** What fills each {{placeholder}} of the templates. */
function placeholders({ name, spec, credentials, specOrigin, sample }) {
  const Name = pascalCase(name)
  const constant = `${name.toUpperCase().replace(/-/g, '_')}_BASE_URL`
  const title = comment(apiName(spec, name))
  const baseUrl = defaultBaseUrl(spec)
  const options = credentials.flatMap((credential) => credential.options.map((option) => ({ option, credential })))
  const owned = credentials.map((c) => c.header).filter((header) => header.toLowerCase() !== 'authorization')
  const secretValue = (option) => (option === 'username' ? `'${name}-user'` : 'SECRET')
  const example = listOperations(spec)[0]
  const exampleInit = sample ? initLiteral(sample) : ''
  const envName = (option) => `${name.toUpperCase().replace(/-/g, '_')}_${snake(option).toUpperCase()}`
  const kitImports = ['optionalFetch', 'optionalHeaders', 'requireBaseUrl', 'requireOptions']
  if (options.length > 0) kitImports.push('requireText')
  if (credentials.some((c) => c.kind === 'basic')) kitImports.push('basicAuth')

  return {
    name,
    Name,
    title,
    descriptionJson: JSON.stringify(
      `Typed client for the ${apiName(spec, name)} API, generated from its OpenAPI spec.`,
    ),
    specOrigin,
    kitImports: kitImports.sort((a, b) => a.localeCompare(b)).join(', '),
    baseUrlConstant: baseUrl ? `\n/** The server the spec names. */\nexport const ${constant} = '${baseUrl}'\n` : '',
    baseUrlDoc: baseUrl ? `@default '${baseUrl}'` : serverDoc(spec),
    baseUrlOptional: baseUrl ? '?' : '',
    baseUrlExpression: baseUrl
      ? `checked.baseUrl === undefined ? ${constant} : requireBaseUrl(FACTORY, checked.baseUrl)`
      : 'requireBaseUrl(FACTORY, checked.baseUrl)',
    headersDoc:
      credentials.length > 0
        ? `; ${credentials.map((c) => `\`${c.header}\``).join(' and ')} only from the credentials`
        : '',
    credentialFields: options
      .map(
        ({ option, credential }) =>
          `  /** ${FIELD_DOCS[credential.kind === 'apiKey' ? 'apiKey' : option](credential)} */\n  ${option}: string`,
      )
      .join('\n'),
    optionList: [...options.map((o) => o.option), 'baseUrl', 'fetch', 'headers'].map((o) => `'${o}'`).join(', '),
    ownedHeadersConstant:
      owned.length > 0
        ? `/** The API key's header: set from the options only, never from \`headers\`. */\nconst AUTH_HEADERS = [${owned.map((h) => `'${h}'`).join(', ')}]\n`
        : '',
    ownedHeadersArgument: owned.length > 0 ? ', AUTH_HEADERS' : '',
    authSummary:
      credentials.length > 0 ? ` with its credentials set once (${credentials.map(describeKind).join(', ')})` : '',
    credentialChecks: credentialChecks(credentials),
    authHeaders: credentials.map((c) => `, ${authHeader(c)}`).join(''),
    readmeOptions: [
      ...options.map(({ option }) => `${option}: process.env.${envName(option)}!`),
      ...(baseUrl ? [] : [`baseUrl: '${exampleBaseUrl(spec)}'`]),
    ].join(', '),
    exampleMethod: (example?.method ?? 'get').toUpperCase(),
    examplePath: example?.path ?? '/',
    exampleInit,
    consumerCredentials: options
      .map(({ option }) => `${option}: 'consumer-${snake(option).replace(/_/g, '-').toLowerCase()}', `)
      .join(''),
    optionsSummary: [
      ...options.map(({ option }) => `\`${option}\` (required)`),
      baseUrl ? `\`baseUrl\` (default \`${baseUrl}\`)` : '`baseUrl` (required)',
    ].join(', '),
    credentialValues: options.map(({ option }) => `${option}: ${secretValue(option)}, `).join(''),
    contractCredentials: options
      .map(({ option }) => `${option}: 'contract-test-${snake(option).replace(/_/g, '-').toLowerCase()}', `)
      .join(''),
    authExpectations: authExpectations(credentials),
    baseUrlTests: baseUrl
      ? `
  it('sends requests to ${baseUrl} by default', async () => {
    const { fetch, requests } = recordingFetch()
    await probe(create${Name}Client({ ...CREDENTIALS, fetch }))
    expect(requests[0]?.url).toBe('${baseUrl}/probe')
  })
`
      : `
  it('requires a base URL, as the spec names no fixed server', () => {
    expect(thrownBy({ ...CREDENTIALS }).message).toMatch(/option "baseUrl" is required/)
  })
`,
    credentialTests: credentialTests(Name, options, credentials),
  }
}

function credentialChecks(credentials) {
  const lines = []
  for (const credential of credentials) {
    for (const option of credential.options)
      lines.push(`  const ${option} = requireText(FACTORY, '${option}', checked.${option})`)
    if (credential.kind === 'basic') {
      lines.push(
        "  if (username.includes(':')) {",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a line of the generated code
        '    throw new TypeError(`${FACTORY}: option "username" must not contain ":" (it ends the user name of Basic auth).`)',
        '  }',
      )
    }
  }
  return lines.join('\n')
}

function authHeader(credential) {
  const key = quoteKey(credential.header)
  if (credential.kind === 'basic') return `${key}: basicAuth(username, password)`
  if (credential.kind === 'bearer') return `${key}: \`Bearer \${token}\``
  return `${key}: ${credential.options[0]}`
}

function authExpectations(credentials) {
  if (credentials.length === 0) return "    expect(requests[0]?.headers.get('authorization')).toBeNull()"
  return credentials
    .map((credential) => {
      const header = `requests[0]?.headers.get('${credential.header.toLowerCase()}')`
      if (credential.kind === 'basic') {
        return `    expect(${header}).toBe(\`Basic \${btoa(\`\${CREDENTIALS.username}:\${CREDENTIALS.password}\`)}\`)`
      }
      if (credential.kind === 'bearer') return `    expect(${header}).toBe(\`Bearer \${CREDENTIALS.token}\`)`
      return `    expect(${header}).toBe(CREDENTIALS.${credential.options[0]})`
    })
    .join('\n')
}

function credentialTests(Name, options, credentials) {
  if (options.length === 0) return ''
  const headers = [...new Set(credentials.map((c) => c.header))]
  return `
  it.each([${options.map(({ option }) => `'${option}'`).join(', ')}])('throws a clear TypeError without %s, naming it and no secret', (name) => {
    const error = thrownBy({ ...CREDENTIALS, baseUrl: BASE_URL, [name]: undefined })
    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toMatch(new RegExp(\`^create${Name}Client: option "\${name}" is required\`))
    expect(\`\${error.message}\\n\${error.stack}\`).not.toContain(SECRET)
  })

  it.each([${headers.map((h) => `'${h}'`).join(', ')}])('refuses a %s header in headers, which would replace the credentials', (header) => {
    const error = thrownBy({ ...CREDENTIALS, baseUrl: BASE_URL, headers: { [header]: 'x' } })
    expect(error.message).toMatch(/set credentials through the factory/)
  })
`
}

function describeKind(credential) {
  if (credential.kind === 'basic') return 'HTTP basic auth'
  if (credential.kind === 'bearer') return 'a bearer token'
  return `an API key in \`${credential.header}\``
}

function serverDoc(spec) {
  const url = spec.servers?.[0]?.url
  return url ? `The spec's server is \`${comment(url)}\`.` : 'The spec names no server.'
}

/** The API's name as a sentence can use it: "Key SMS API" → "Key SMS" (then "the Key SMS API"). */
export function apiName(spec, fallback) {
  return String(spec.info?.title ?? fallback)
    .replace(/\s+API$/i, '')
    .trim()
}

/** Text safe inside a block comment. */
function comment(text) {
  return String(text).replace(/\*\//g, '*\\/').replace(/\s+/g, ' ').trim()
}

function quoteKey(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`
}

function snake(text) {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
}
