import { describe, expect, it } from 'vitest'
import { countSegments } from '../../src/segments.js'
import { calculator, SmartEncodingMap } from '../support/twilio-calculator.js'

const table = SmartEncodingMap as Record<string, string>

describe("smart encoding: Twilio's table, every code unit", () => {
  it('replaces every BMP character as the calculator does, and leaves every other one alone', () => {
    const wrong: string[] = []
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCharCode(code)
      const sent = countSegments(char, { smartEncoding: true }).text
      if (sent !== (table[char] ?? char)) wrong.push(`U+${code.toString(16)} → ${JSON.stringify(sent)}`)
    }
    expect(wrong).toEqual([])
  })

  it('replaces inside a text and leaves astral characters whole', () => {
    const text = '“Quote” – 😜 ‘it’s’ …\u00a0end'
    const sent = countSegments(text, { smartEncoding: true }).text
    expect(sent).toBe("\"Quote\" - 😜 'it's' ...  end")
    expect(calculator(text, true).graphemes.join('')).toBe(sent)
  })
})
