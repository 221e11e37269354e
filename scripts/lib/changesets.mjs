// Changeset files: written by the spec scripts, read by the CI check.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseChangesetFile } from '@changesets/parse'
import { ROOT } from './specs.mjs'

export const CHANGESET_DIR = join(ROOT, '.changeset')

/** A changeset's text: front matter naming the package and bump, then the body. */
export function renderChangeset(packageName, bump, body) {
  return `---\n${JSON.stringify(packageName)}: ${bump}\n---\n\n${body.trim()}\n`
}

/** A file name in .changeset/ not taken yet, e.g. `quo-spec-2026-11-23.md`. */
export function changesetPath(stem, dir = CHANGESET_DIR) {
  const taken = existsSync(dir) ? new Set(readdirSync(dir)) : new Set()
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.md` : `${stem}-${n}.md`
    if (!taken.has(name)) return join(dir, name)
  }
}

/** The packages a changeset releases, as `{ name, type }`. */
export function releasesOf(text) {
  return parseChangesetFile(text).releases
}
