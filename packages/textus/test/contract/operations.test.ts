import { type MockServer, type OperationCall, startMock, walkOperations } from '@textbridge/mock-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTextUsClient } from '../../src/index.js'

// Walks every operation of the package's own final spec (the checks are
// @textbridge/mock-server's walkOperations), so an operation that `pnpm specs:update` adds is
// tested without a change here. Tests of particular requests (invalid ones, edge cases) belong
// in files of their own beside this one.
const SPEC = new URL('../../src/generated/openapi.json', import.meta.url)

let mock: MockServer
let call: OperationCall

beforeAll(async () => {
  mock = await startMock({ spec: SPEC })
  const client = createTextUsClient({ token: 'contract-test-token', account: 'my_account', baseUrl: mock.url })
  // The operations are only known at run time, so the typed methods are called untyped.
  call = client.request as unknown as OperationCall
})
afterAll(() => mock.close())

describe.each(walkOperations({ spec: SPEC }))('$operationId ($method $path) against the mock', ({ checks }) => {
  for (const check of checks) {
    it(check.name, async () => {
      expect(await check.run(call)).toEqual([])
    })
  }
})
