// Quo's next document as the vendor would publish it, for the specs:update tests: today's
// stored document, plus the upstream overlay of fixtures/quo-next/, plus one variant's changes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyOverlay, parseDocument } from '../../lib/specs.mjs'
import { ROOT } from './temp-repo.mjs'

export const QUO_NEXT_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'quo-next')

/** A fixture overlay of fixtures/quo-next/, parsed. */
export const quoNextOverlay = (name) =>
  parseDocument(readFileSync(join(QUO_NEXT_FIXTURES, `${name}.yaml`), 'utf8'), `${name}.yaml`)

// The stored document, parsed once per test file (applyOverlay works on a copy).
let stored
/** Quo's document as specs/quo/ stores it today, parsed. */
export function quoStored() {
  stored ??= parseDocument(readFileSync(join(ROOT, 'specs', 'quo', 'openapi.yaml'), 'utf8'), 'specs/quo/openapi.yaml')
  return stored
}

let upstream
function quoUpstream() {
  upstream ??= applyOverlay(quoStored(), quoNextOverlay('upstream'), 'upstream.yaml')
  return upstream
}

/** Quo's next document with the changes of fixtures/quo-next/<variant>.yaml, as JSON text. */
export async function quoNext(variant) {
  return JSON.stringify(await applyOverlay(await quoUpstream(), quoNextOverlay(variant), `${variant}.yaml`), null, 2)
}
