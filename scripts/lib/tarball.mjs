// Reads a package tarball (gzip + ustar, as npm and pnpm write them) without unpacking it
// to disk, so the checks look at exactly the bytes a user would download.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

/**
 * The regular files of a tarball, keyed by their path inside the package (the leading
 * `package/` removed).
 * @returns {Map<string, Buffer>}
 */
export function readTarball(file) {
  const archive = gunzipSync(readFileSync(file))
  const files = new Map()
  let longName
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8)
    const type = String.fromCharCode(header[156] || 48)
    const prefix = text(header, 345, 155)
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100))
    const body = archive.subarray(offset + 512, offset + 512 + size)
    longName = undefined
    // GNU long names come as an 'L' entry holding the name of the entry that follows.
    if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '')
    else if (type === '0' || type === '\0') files.set(name.replace(/^[^/]+\//, ''), Buffer.from(body))
    offset += 512 + Math.ceil(size / 512) * 512
  }
  return files
}

function text(buffer, start, length) {
  const raw = buffer.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? length : end).toString('utf8')
}
