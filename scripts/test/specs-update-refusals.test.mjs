// specs:update where it must write nothing: the document it already holds, and every way a
// document can fail to come in. All of them share one copy of the repository, which each test
// checks is byte-identical after it (a copy that is not is dropped, and the next gets a new one).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deadUrl, serveFixtures } from './helpers/fixture-server.mjs'
import { quoNext } from './helpers/quo-next.mjs'
import { copyRepo, hashTree, runScript } from './helpers/temp-repo.mjs'

let server
let shared
function unchangedRepo() {
  if (!shared) {
    const repo = copyRepo()
    shared = { repo, pristine: hashTree(repo.dir) }
  }
  return shared.repo.dir
}

beforeAll(async () => {
  server = await serveFixtures({
    '/quo/stale.json': { type: 'application/json', body: await quoNext('stale') },
    '/quo/html.json': { type: 'text/html', body: '<!doctype html><title>Access denied</title><p>Log in first.' },
    '/quo/invalid.yaml': { type: 'application/yaml', body: 'openapi: 3.1.0\ninfo: [unclosed\npaths: {}\n' },
    '/quo/swagger.json': { type: 'application/json', body: JSON.stringify({ swagger: '2.0', info: {}, paths: {} }) },
  })
})
afterEach(() => {
  if (shared && JSON.stringify(hashTree(shared.repo.dir)) !== JSON.stringify(shared.pristine)) {
    shared.repo.remove()
    shared = undefined
  }
})
afterAll(() => {
  shared?.repo.remove()
  return server?.close()
})

describe('pnpm specs:update with the document already stored', () => {
  it('does nothing when the document is the one already stored', async () => {
    const dir = unchangedRepo()
    const before = hashTree(dir)
    const run = await runScript(dir, 'specs-update.mjs', ['textus', '--from', 'specs/textus/openapi.yaml'])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('already holds this document')
    expect(hashTree(dir)).toEqual(before)
  })
})

describe('pnpm specs:update that cannot take the document in', () => {
  const failures = [
    [
      'the server is down',
      async () => ['quo', '--from', await deadUrl('/quo/next.json')],
      /could not fetch .*ECONNREFUSED/,
    ],
    ['the document is not there (404)', () => ['quo', '--from', server.url('/quo/missing.json')], /answered HTTP 404/],
    [
      'the answer is an HTML page',
      () => ['quo', '--from', server.url('/quo/html.json')],
      /is an HTML page \("Access denied"\)/,
    ],
    ['the YAML does not parse', () => ['quo', '--from', server.url('/quo/invalid.yaml')], /does not parse as YAML/],
    [
      'it is not OpenAPI 3.x',
      () => ['quo', '--from', server.url('/quo/swagger.json')],
      /not an OpenAPI 3\.0 or 3\.1 document \(Swagger 2\.0\)/,
    ],
    [
      'an overlay action matches nothing in it',
      () => ['quo', '--from', server.url('/quo/stale.json')],
      /action #4 "The examples of listMessages_v1's participants.* matched nothing in the vendor spec/,
    ],
    [
      'a shipped operation is gone',
      () => ['quo', '--from', 'specs/textus/openapi.yaml'],
      /has no operation "sendMessage_v1"/,
    ],
    ['the spec has no upstream and no --from is given', () => ['textus'], /textus has no upstream URL .*--from/],
  ]
  it.each(failures)('leaves the repository byte-identical and says why when %s', async (_name, args, reason) => {
    const dir = unchangedRepo()
    const before = hashTree(dir)
    const run = await runScript(dir, 'specs-update.mjs', await args())
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(reason)
    expect(run.stderr).toMatch(/\(nothing was changed\)\n$/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(hashTree(dir)).toEqual(before)
  })
})
