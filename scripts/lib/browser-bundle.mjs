// Proof that a package runs wherever `fetch` exists: each of its entry files, with its
// dependencies, must bundle for the browser. esbuild refuses a Node built-in there (`node:fs`
// as much as a bare `fs`), so one reached anywhere, even through a dependency, is an error.
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { build } from 'esbuild'
import { entryFiles } from './packages.mjs'

/**
 * Bundles every JavaScript entry of the package in `dir` (ESM and CJS) for the browser.
 * @returns {Promise<{ entry: string, bytes: number, problems: string[] }[]>}
 */
export async function bundleForBrowser(dir, manifest) {
  const results = []
  for (const { file } of entryFiles(manifest)) {
    results.push({ entry: file, ...(await bundleFile(join(dir, file), dir)) })
  }
  return results
}

/** Bundles one file for the browser; returns the bundle's size or what stopped it. */
export async function bundleFile(file, workingDir) {
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: workingDir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    })
    const bytes = result.outputFiles.reduce((sum, output) => sum + output.contents.byteLength, 0)
    return { bytes, problems: result.warnings.map((warning) => `warning: ${describe(warning)}`) }
  } catch (error) {
    const messages = error?.errors ?? [{ text: String(error) }]
    return { bytes: 0, problems: messages.map(describe) }
  }
}

function describe(message) {
  const where = message.location ? `${message.location.file}:${message.location.line}: ` : ''
  const specifier = /^Could not resolve "([^"]+)"/.exec(message.text)?.[1]
  const builtin = specifier && (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]))
  return `${where}${builtin ? `imports the Node built-in "${specifier}", which no browser or edge runtime has` : message.text}`
}
