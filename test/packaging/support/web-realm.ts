import { createContext, runInContext } from 'node:vm'
import { build } from 'esbuild'

/**
 * Bundles a compiled consumer for the browser and calls its main() in a fresh realm that has
 * `fetch` and the web platform's globals (Web Crypto included), and nothing of Node's: no `process`, `Buffer`,
 * `require` or `global`. A Node-only line on the path of a request fails here.
 */
export async function runInWebRealm(entry: string, workingDir: string, baseUrl: string): Promise<unknown> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: workingDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'consumer',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]?.text ?? ''
  const realm = createContext({
    fetch,
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    FormData,
    Blob,
    AbortController,
    AbortSignal,
    TextEncoder,
    TextDecoder,
    btoa,
    atob,
    // Web Crypto, as browsers and edge workers have it (the webhook verifiers use it).
    crypto,
    structuredClone,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    console,
  })
  runInContext(code, realm, { filename: entry })
  const main = (realm as { consumer?: { main?: (url: string) => Promise<unknown> } }).consumer?.main
  if (typeof main !== 'function') throw new Error(`${entry} exports no main()`)
  // Plain data out of the other realm, so that equality checks see ordinary objects.
  return JSON.parse(JSON.stringify(await main(baseUrl)))
}
