// The GSM 03.38 default alphabet (3GPP TS 23.038, 6.2.1) and its extension table (6.2.1.1):
// what one UTF-16 code unit costs in septets. An extension character is sent as ESC and
// the character, two septets that a part never splits.
//
// Packed for the bundle every messenger carries: the alphabet's ASCII is ranges; its other
// Latin-1 letters and its Greek capitals are kept as ASCII shifted down by LATIN_SHIFT and
// GREEK_SHIFT (a bundler writes each non-ASCII character of a string as a 6-byte escape).
// segments-differential.test.ts holds the whole table to Twilio's calculator.

/** ¡ £ ¤ ¥ § ¿ Ä Å Æ Ç É Ñ Ö Ø Ü ß à ä å æ è é ì ñ ò ö ø ù ü, each less LATIN_SHIFT. */
const LATIN = "!#$%'?DEFGIQVX\\_`defhilqrvxy|"
const LATIN_SHIFT = 0x80
/** Γ Δ Θ Λ Ξ Π Σ Φ Ψ Ω, each less GREEK_SHIFT. */
const GREEK = 'CDHKNPSVXY'
const GREEK_SHIFT = 0x350
const EURO = 0x20ac

let table: Uint8Array | undefined

/** Septets per code unit up to Ω (U+03A9, the last Greek letter of the table); built on first use. */
function septetTable(): Uint8Array {
  const built = new Uint8Array(0x3aa)
  // LF, CR, space to Z, _, a to z; extension: form feed, [ \ ] ^ and { | } ~ (` is in neither).
  for (let code = 32; code < 127; code++) built[code] = code === 96 ? 0 : (code > 90 && code < 95) || code > 122 ? 2 : 1
  built[10] = built[13] = 1
  built[12] = 2
  for (const char of LATIN) built[char.charCodeAt(0) + LATIN_SHIFT] = 1
  for (const char of GREEK) built[char.charCodeAt(0) + GREEK_SHIFT] = 1
  return built
}

/** Septets that the code unit costs in GSM-7: 1, 2 (extension table), or 0 when GSM-7 cannot send it. */
export function septetsOf(code: number): number {
  if (code < 0x3aa) {
    if (table === undefined) table = septetTable()
    return table[code] as number
  }
  return code === EURO ? 2 : 0
}
