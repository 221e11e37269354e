import { describe, expect, it } from 'vitest'
import { loadSpecValidator } from '../../src/index.js'

const tiny = loadSpecValidator({ spec: new URL('../fixtures/tiny.yaml', import.meta.url) })

describe('loadSpecValidator', () => {
  it('lists every operation with its documented statuses', () => {
    expect(tiny.operations()).toEqual([
      { operationId: 'getThing', method: 'GET', path: '/things/{id}', statuses: ['200', '404'] },
      { operationId: 'createThing', method: 'POST', path: '/things', statuses: ['201', '422'] },
    ])
  })

  it('accepts a body that matches the documented schema', () => {
    expect(tiny.validateResponse('getThing', 200, { id: 'T1', size: 0, extra: true })).toEqual([])
  })

  it('lists what is wrong with a body that does not', () => {
    expect(tiny.validateResponse('getThing', 200, { id: 7, size: -1 })).toEqual([
      '/id must be string',
      '/size must be >= 0',
    ])
    expect(tiny.validateResponse('getThing', 200, { id: 'T1' })).toEqual(["(root) must have required property 'size'"])
  })

  it('expects no body where none is documented', () => {
    expect(tiny.validateResponse('getThing', 404, undefined)).toEqual([])
    expect(tiny.validateResponse('getThing', 404, { id: 'x' })).toEqual(['getThing 404 documents no body, got one'])
  })

  it('checks against the media type the body came in, in any case, and says so for one not documented', () => {
    expect(tiny.validateResponse('getThing', 200, { id: 'T1', size: 0 }, 'application/VND.tiny+jsonld')).toEqual([])
    expect(tiny.validateResponse('getThing', 200, 'T1', 'text/plain')).toEqual([
      'getThing 200 documents no text/plain body',
    ])
  })

  it('says so for an unknown operation or an undocumented status', () => {
    expect(tiny.validateResponse('nope', 200, {})).toEqual(['the spec has no operation "nope"'])
    expect(tiny.validateResponse('getThing', 500, {})).toEqual(['getThing documents no response for status 500'])
  })

  it('follows a response given as a $ref to components/responses', () => {
    const refs = loadSpecValidator({ spec: new URL('../fixtures/refs.yaml', import.meta.url) })
    expect(refs.validateResponse('getThing', 200, { id: 'T001' })).toEqual([])
    expect(refs.validateResponse('getThing', 404, { code: 'E1' })).toEqual(['/code must be integer'])
  })

  it("resolves $refs in a provider's spec", () => {
    const signalwire = loadSpecValidator({ provider: 'signalwire' })
    expect(signalwire.validateResponse('create_message', 401, { error: 'Unauthorized' })).toEqual([])
    expect(signalwire.validateResponse('create_message', 401, { error: 'Nope' })).toEqual([
      '/error must be equal to one of the allowed values',
    ])
  })
})
