// Inputs for property tests: mostly plausible, often subtly wrong, the kind a user's data holds.
import fc from 'fast-check'

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))

/** A valid E.164 number. */
export const e164 = fc.tuple(fc.integer({ min: 1, max: 9 }), digits(1, 14)).map(([first, rest]) => `+${first}${rest}`)

/** Numbers that are almost right, or not numbers at all. */
export const badNumber = fc.oneof(
  digits(5, 15),
  digits(1, 14).map((rest) => `+0${rest}`),
  digits(15, 17).map((rest) => `+1${rest}`),
  fc.constantFrom(
    '',
    '+',
    '+1',
    '+1 555 555 0123',
    '+1-555-0123',
    '(555) 555-0123',
    '+１２３４５６',
    '+15555550123\n',
    ' +15555550123',
  ),
  fc.string({ maxLength: 20 }),
)

export const number = fc.oneof({ weight: 5, arbitrary: e164 }, { weight: 2, arbitrary: badNumber })

/** Text: short and fine, blank in the many ways Unicode allows, or around a length limit. */
export const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', '\n\t ', '\u00a0', '\u2003\u3000', '\ufeff', '\u200b', 'ok', 'é', '😀'),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1595, max: 1605 }), fc.constantFrom('x', '😀', 'é', ' '))
      .map(([length, unit]) => unit.repeat(length)),
  },
)

const urlChars = fc.stringMatching(/^[a-z0-9._~%-]{0,12}$/)
/** Media URLs: fine, or wrong in one of the usual ways. */
export const url = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        urlChars,
        fc.constantFrom('png', 'jpg', 'gif', 'pdf', 'mp4', 'vcf'),
      )
      .map(([host, path, ext]) => `https://${host}.example/${path}.${ext}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'http://example.com/a.png',
      'ftp://example.com/a.png',
      'http://',
      'https:///a.png',
      'example.com/a.png',
      'https://exa mple.com/a.png',
      'https://é.example/a.png',
      'https://e.example/%zz.png',
      'https://e.example/a"b.png',
      'https://e.example/a<b>.png',
      'https://e.example:8080/a.png?x=1#top',
      'HTTPS://E.EXAMPLE/A.PNG',
      '',
    ),
  },
)
