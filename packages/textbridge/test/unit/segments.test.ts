import { afterEach, describe, expect, it, vi } from 'vitest'
import { countSegments as fromMain } from '../../src/index.js'
import { countSegments } from '../../src/segments.js'

const joined = (text: string) =>
  countSegments(text)
    .parts.map((part) => part.text)
    .join('')

describe('countSegments: GSM-7', () => {
  it('sends a text of the GSM 03.38 basic table as GSM-7, one septet a character', () => {
    const s = countSegments('Hello @£$¥ èéùìò ÇØøÅå ΔΦΓΛΩΠΨΣΘΞ ÆæßÉ ¡¿ ÄÖÑÜ§ äöñüà\r\n')
    expect(s).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 55, nonGsm: [] })
  })

  it('counts every extension character, form feed included, as two septets', () => {
    for (const char of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(countSegments(`a${char}`), JSON.stringify(char)).toMatchObject({ encoding: 'GSM-7', units: 3 })
    }
  })

  it('fits 160 septets in one segment and cuts 161 into parts of 153', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ segments: 1, units: 160 })
    const s = countSegments('a'.repeat(161))
    expect(s.segments).toBe(2)
    expect(s.parts.map((part) => part.units)).toEqual([153, 8])
    expect(countSegments('a'.repeat(306)).segments).toBe(2)
    expect(countSegments('a'.repeat(307)).segments).toBe(3)
  })

  it('never ends a part inside an escape sequence: the extension character moves to the next part', () => {
    const s = countSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)
    expect(s.parts.map((part) => part.units)).toEqual([152, 12])
    expect(s.parts[1]?.text.startsWith('€')).toBe(true)
    expect(countSegments('{'.repeat(80)).segments).toBe(1)
    expect(countSegments('{'.repeat(81)).parts.map((part) => part.units)).toEqual([152, 10])
  })

  it('counts an empty text as one empty GSM-7 segment, as Twilio does', () => {
    expect(countSegments('')).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      units: 0,
      parts: [{ text: '', units: 0 }],
      nonGsm: [],
      text: '',
    })
  })
})

describe('countSegments: UCS-2', () => {
  it('makes the whole text UCS-2 for one character outside GSM-7, and names it', () => {
    const s = countSegments('Hello “world” 😜')
    expect(s).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 16 })
    expect(s.nonGsm).toEqual([
      { char: '“', index: 6 },
      { char: '”', index: 12 },
      { char: '😜', index: 14 },
    ])
  })

  it('triples a 160-character text with one emoji: 162 code units are three segments', () => {
    const text = `${'a'.repeat(159)}😜`
    expect(countSegments(text.replace('😜', 'a'))).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 3, units: 161 })
  })

  it('fits 70 code units in one segment and cuts 71 into parts of 67', () => {
    expect(countSegments('á'.repeat(70))).toMatchObject({ segments: 1, units: 70 })
    expect(countSegments('á'.repeat(71)).parts.map((part) => part.units)).toEqual([67, 4])
    expect(countSegments('á'.repeat(134)).segments).toBe(2)
    expect(countSegments('á'.repeat(135)).segments).toBe(3)
  })

  it('counts an extension character as one code unit once the text is UCS-2', () => {
    expect(countSegments('á{|€')).toMatchObject({ encoding: 'UCS-2', units: 4, nonGsm: [{ char: 'á', index: 0 }] })
    expect(countSegments(`😀${']'.repeat(68)}`).segments).toBe(1)
  })

  it('counts a surrogate pair as two code units and never ends a part between them', () => {
    const s = countSegments(`${'á'.repeat(66)}😜${'á'.repeat(10)}`)
    expect(s.units).toBe(78)
    expect(s.parts.map((part) => part.units)).toEqual([66, 12])
    expect(s.parts[1]?.text.startsWith('😜')).toBe(true)
  })

  it.each([
    ['a flag', '🇮🇹'],
    ['a ZWJ sequence', '👩🏽‍💻'],
    ['a newer ZWJ sequence', '❤️‍🔥'],
    ['a letter with combining marks', 'e\u0301\u0301\u0301'],
    ['an Indic conjunct', 'क्षि'],
  ])('never ends a part inside a grapheme cluster: %s', (_, cluster) => {
    for (let before = 60; before <= 67; before++) {
      const text = `${'á'.repeat(before)}${cluster}${'á'.repeat(70)}`
      const s = countSegments(text)
      expect(
        s.parts.some((part) => part.text.includes(cluster)),
        `${before} before`,
      ).toBe(true)
      expect(joined(text)).toBe(text)
    }
  })

  it('reports a cluster whole, where it starts, even when it starts with a GSM-7 letter', () => {
    expect(countSegments('cafe\u0301 👍🏽!').nonGsm).toEqual([
      { char: 'e\u0301', index: 3 },
      { char: '👍🏽', index: 6 },
    ])
  })

  it('cuts a cluster longer than a whole part at a code point, never inside a surrogate pair', () => {
    const zalgo = `a${'\u0301'.repeat(100)}`
    expect(countSegments(zalgo).parts.map((part) => part.units)).toEqual([67, 34])
    const family = Array(30).fill('👨').join('\u200d')
    const s = countSegments(family)
    expect(s.parts.map((part) => part.units)).toEqual([66, 23])
    expect(s.parts.every((part) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(part.text))).toBe(true)
  })

  it('lets a part end between CR and LF, two characters to a handset', () => {
    const s = countSegments(`😜${'á'.repeat(64)}\r\n${'á'.repeat(10)}`)
    expect(s.parts.map((part) => part.text.endsWith('\r'))).toEqual([true, false])
  })
})

describe('countSegments: without Intl.Segmenter (an older engine)', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  async function withoutSegmenter() {
    const intl = Object.create(Intl) as typeof Intl
    Object.defineProperty(intl, 'Segmenter', { value: undefined })
    vi.stubGlobal('Intl', intl)
    vi.resetModules()
    return (await import('../../src/segments.js')).countSegments
  }

  it('still never ends a part inside a surrogate pair or between a letter and its combining marks', async () => {
    const count = await withoutSegmenter()
    const emoji = count(`${'á'.repeat(66)}😜${'á'.repeat(10)}`)
    expect(emoji.parts.map((part) => part.units)).toEqual([66, 12])
    const accent = count(`${'á'.repeat(65)}e\u0301\u0301${'á'.repeat(10)}`)
    expect(accent.parts.map((part) => part.units)).toEqual([65, 13])
    expect(count('cafe\u0301 😜').nonGsm).toEqual([
      { char: 'e\u0301', index: 3 },
      { char: '😜', index: 6 },
    ])
    expect(count('a'.repeat(200)).segments).toBe(2)
  })

  it('may then end a part inside a flag, as it documents (Intl.Segmenter keeps the flag whole)', async () => {
    const text = `${'á'.repeat(65)}🇮🇹${'á'.repeat(10)}`
    expect(countSegments(text).parts.map((part) => part.units)).toEqual([65, 14])
    const count = await withoutSegmenter()
    expect(count(text).parts.map((part) => part.units)).toEqual([67, 12])
  })
})

describe('countSegments: smart encoding', () => {
  it('replaces look-alikes before counting, and returns the text that would be sent', () => {
    const text = '“Smart” quotes — and an ellipsis…'
    expect(countSegments(text)).toMatchObject({ encoding: 'UCS-2', text })
    expect(countSegments(text, { smartEncoding: true })).toMatchObject({
      encoding: 'GSM-7',
      text: '"Smart" quotes - and an ellipsis...',
      units: 35,
    })
  })

  it('leaves what it cannot replace, and indexes nonGsm into the text sent', () => {
    const s = countSegments('…😜', { smartEncoding: true })
    expect(s).toMatchObject({ encoding: 'UCS-2', text: '...😜', nonGsm: [{ char: '😜', index: 3 }] })
  })

  it('is off by default and with smartEncoding: false', () => {
    expect(countSegments('—', { smartEncoding: false }).text).toBe('—')
    expect(countSegments('—', {}).text).toBe('—')
  })
})

describe('countSegments: bad input', () => {
  it.each([
    [undefined, 'got undefined'],
    [null, 'got null'],
    [42, 'got number'],
    [['a'], 'got object'],
  ])('rejects a text that is not a string (%s) with a TypeError', (text, message) => {
    expect(() => countSegments(text as unknown as string)).toThrow(TypeError)
    expect(() => countSegments(text as unknown as string)).toThrow(message)
  })

  it('rejects options that are not an object, an unknown option, and a smartEncoding that is not a boolean', () => {
    expect(() => countSegments('a', 'yes' as never)).toThrow(/options must be an object, got string/)
    expect(() => countSegments('a', { smart: true } as never)).toThrow(/unknown option "smart"/)
    expect(() => countSegments('a', { smartEncoding: 'yes' } as never)).toThrow(/smartEncoding must be a boolean/)
  })
})

describe('countSegments: entries', () => {
  it("is the same function from 'textbridge' and from 'textbridge/segments'", () => {
    expect(fromMain).toBe(countSegments)
  })
})
