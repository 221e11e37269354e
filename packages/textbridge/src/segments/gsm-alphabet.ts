// The GSM 03.38 default alphabet (3GPP TS 23.038, 6.2.1) and its extension table (6.2.1.1):
// what one UTF-16 code unit costs in septets. An extension character is sent as ESC and
// the character, two septets that a part never splits.

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const EXTENSION = '\f^{}\\[~]|€'
const EURO = 0x20ac

let table: Uint8Array | undefined

/** Septets per code unit below U+03AA (the last Greek letter of the table); built on first use. */
function septetTable(): Uint8Array {
  const built = new Uint8Array(0x3aa)
  for (const char of BASIC) built[char.charCodeAt(0)] = 1
  for (const char of EXTENSION) if (char.charCodeAt(0) < built.length) built[char.charCodeAt(0)] = 2
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
