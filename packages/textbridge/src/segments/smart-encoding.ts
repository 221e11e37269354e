// Smart encoding: look-alike characters replaced by GSM-7 ones before counting, so that a
// curly quote or an em dash pasted from a word processor does not make a text UCS-2.
// The table is Twilio's, as published in "List of characters replaced by Smart Encoding"
// (https://www.twilio.com/docs/messaging/services/smart-encoding-char-list) and as its
// calculator applies it (sms-segments-calculator 1.3.0, src/libs/SmartEncodingMap.ts);
// test/unit/segments-smart-encoding.test.ts checks every code unit against that calculator.

/** Replacement, then the characters it replaces. */
const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ['"', '\u00ab\u00bb\u02ba\u02ee\u201c\u201d\u201e\u201f\u275d\u275e\u301d\u301e'],
  ["'", '\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u02ca\u02cb\u0313\u0314\u2018\u2019\u201b\u275b\u275c\ufe10\ufe11'],
  ['/', '\u00f7\u0337\u0338\u2044\u2215\u29f8'],
  ['1/4', '\u00bc'],
  ['1/2', '\u00bd'],
  ['3/4', '\u00be'],
  ['\\', '\u20e5\u29f5\u29f9\ufe68'],
  ['_', '\u0332\u2017'],
  ['|', '\u20d2\u20d3\u2223\u239c\u239f\u23b8\u23b9\u23d0'],
  ['-', '\u2010\u2013\u2014\u2015\u2022\u2043\u23bc\u23bd\ufe63'],
  ['@', '\ufe6b'],
  ['$', '\ufe69'],
  ['!', '\u01c3\ufe15\ufe57'],
  ['#', '\ufe5f'],
  ['%', '\ufe6a'],
  ['&', '\ufe60'],
  [',', '\u0326\u201a\u3001\ufe50\ufe51\uff64'],
  ['(', '\u2768\u276a\u27ee\u2985\ufe59'],
  [')', '\u2769\u276b\u27ef\u2986\ufe5a'],
  [
    '*',
    '\u204e\u2217\u229b\u2722\u2723\u2724\u2725\u2731\u2732\u2733\u273a\u273b\u273c\u273d\u2743\u2749\u274a\u274b\u29c6\ufe61',
  ],
  ['+', '\u02d6\ufe62'],
  ['.', '\u3002\ufe52\uff61'],
  [':', '\u02d0\u02f8\u2982\ua789\ufe13'],
  [';', '\u204f\ufe14\ufe54'],
  ['<', '\u2039\ufe64'],
  ['=', '\u0347\ua78a\ufe66'],
  ['>', '\u203a\ufe65'],
  ['?', '\ufe16\ufe56'],
  ['^', '\u02c6\u0302\u1dcd'],
  ['{', '\u2774\ufe5b'],
  ['}', '\u2775\ufe5c'],
  ['~', '\u02dc\u02f7\u0303\u0330\u0334\u223c'],
  // The table's choice for most odd spaces and C1 controls: two spaces.
  [
    '  ',
    '\u0080\u008d\u0090\u009b\u009f\u00a0\u2000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000',
  ],
  [' ', '\u2001\u2028\u2029'],
  ['       ', '\u0009'],
  ['', '\u0000\u0003\u0004\u0010\u0011\u0012\u0013\u0014\u0017\u0019\u200b\u200c\u2060\ufeff'],
  ['!!', '\u203c'],
  ['...', '\u2026'],
]
/** Latin letter small capitals (no Q or X in the table), in the order of their capitals. */
const SMALL_CAPITALS =
  '\u1d00\u0299\u1d04\u1d05\u1d07\ua730\u0262\u029c\u026a\u1d0a\u1d0b\u029f\u1d0d\u0274\u1d0f\u1d18\u0280\ua731\u1d1b\u1d1c\u1d20\u1d21\u028f\u1d22'
const CAPITALS = 'ABCDEFGHIJKLMNOPRSTUVWYZ'
/** Fullwidth forms U+FF01–U+FF3F and U+FF5B–U+FF5E stand for ASCII 0x21–0x5F and 0x7B–0x7E. */
const FULLWIDTH_OFFSET = 0xfee0

let replacements: Map<number, string> | undefined

function buildReplacements(): Map<number, string> {
  const map = new Map<number, string>()
  for (const [replacement, chars] of LOOK_ALIKES) for (const char of chars) map.set(char.charCodeAt(0), replacement)
  for (let i = 0; i < SMALL_CAPITALS.length; i++) map.set(SMALL_CAPITALS.charCodeAt(i), CAPITALS.charAt(i))
  for (let code = 0xff01; code <= 0xff5e; code++) {
    if (code <= 0xff3f || code >= 0xff5b) map.set(code, String.fromCharCode(code - FULLWIDTH_OFFSET))
  }
  return map
}

/** The text with every look-alike replaced; the same string when there is none. */
export function smartEncode(text: string): string {
  if (replacements === undefined) replacements = buildReplacements()
  const map = replacements
  let out: string | undefined
  let copied = 0
  for (let i = 0; i < text.length; i++) {
    const replacement = map.get(text.charCodeAt(i))
    if (replacement === undefined) continue
    out = (out ?? '') + text.slice(copied, i) + replacement
    copied = i + 1
  }
  return out === undefined ? text : out + text.slice(copied)
}
