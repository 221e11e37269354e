import { describe, expect, it } from 'vitest'
import { violationsOf } from '../../src/index.js'

describe('violationsOf', () => {
  it('is empty when the response has no sl-violations header', () => {
    expect(violationsOf(new Response('{}'))).toEqual([])
  })

  it('parses the header of a response or of a Headers object', () => {
    const violation = { location: ['request', 'body'], severity: 'Error', code: 'required', message: 'x' }
    const headers = new Headers({ 'sl-violations': JSON.stringify([violation]) })
    expect(violationsOf(headers)).toEqual([violation])
    expect(violationsOf(new Response(null, { headers }))).toEqual([violation])
  })

  it('keeps a truncated header as one violation rather than throwing', () => {
    const headers = new Headers({ 'sl-violations': 'Too many violations! [{"location":["request"' })
    expect(violationsOf(headers)).toEqual([
      expect.objectContaining({ code: 'truncated', message: '[{"location":["request"' }),
    ])
  })
})
