import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { packAll } from '../../../scripts/lib/pack.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** npm name → path of its packed tarball. */
    tarballs: Record<string, string>
  }
}

/** Packs every publishable package once for all the test files; removes the tarballs after. */
export default async function packOnce(project: TestProject) {
  const destination = mkdtempSync(join(tmpdir(), 'textbridge-packs-'))
  const tarballs = await packAll(destination)
  project.provide('tarballs', Object.fromEntries(tarballs))
  return () => rmSync(destination, { recursive: true, force: true })
}
