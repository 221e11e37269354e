// Bundle weight of an entry as an app's bundler sees it: esbuild, browser platform, ES module,
// minified, then gzip (level 9, as size-limit measures).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** What is weighed: our entries with their dependencies, and the libraries they compare with. */
export const ENTRIES = [
  { name: '@textbridge/quo', code: "export * from '@textbridge/quo'" },
  { name: '@textbridge/signalwire', code: "export * from '@textbridge/signalwire'" },
  { name: '@textbridge/textus', code: "export * from '@textbridge/textus'" },
  { name: 'textbridge/quo', facade: true, code: "export * from 'textbridge/quo'" },
  { name: 'textbridge/signalwire', facade: true, code: "export * from 'textbridge/signalwire'" },
  { name: 'textbridge/textus', facade: true, code: "export * from 'textbridge/textus'" },
  { name: 'textbridge (all providers)', code: "export * from 'textbridge'" },
  { name: 'textbridge/segments', code: "export * from 'textbridge/segments'" },
  { name: 'sms-segments-calculator', code: "export * from 'sms-segments-calculator'" },
  { name: 'openapi-fetch', code: "export * from 'openapi-fetch'; export { default } from 'openapi-fetch'" },
  { name: 'axios', code: "export * from 'axios'; export { default } from 'axios'" },
  { name: 'ky', code: "export * from 'ky'; export { default } from 'ky'" },
  { name: 'ofetch', code: "export * from 'ofetch'" },
]

/** @returns {Promise<{ name: string, minifiedBytes: number, gzipBytes: number }[]>} */
export async function measureSizes(resolveDir) {
  const dir = mkdtempSync(join(tmpdir(), 'textbridge-bench-size-'))
  try {
    const results = []
    for (const entry of ENTRIES) {
      const output = await build({
        stdin: { contents: entry.code, resolveDir, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
        outfile: join(dir, 'out.js'),
      })
      const bytes = output.outputFiles[0].contents
      writeFileSync(join(dir, 'out.js'), bytes)
      results.push({
        name: entry.name,
        facade: entry.facade === true,
        minifiedBytes: bytes.byteLength,
        gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
      })
    }
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
