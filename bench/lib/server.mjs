// The local HTTP server of the loopback mode: on 127.0.0.1, in a worker thread (its own event
// loop, so serving does not share the clients' loop, and it cannot outlive the bench process).
// Each operation is answered with its example bytes, the same every time.
import { createServer } from 'node:http'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

/**
 * Starts the server in a worker; `close()` stops it (and the worker).
 * @param {{ method: string, path: string, status: number, contentType: string, body: Buffer }[]} answers
 */
export async function startServer(answers) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: answers.map(({ method, path, status, contentType, body }) => ({
      method,
      path,
      status,
      contentType,
      body: new Uint8Array(body),
    })),
  })
  const port = await new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the bench server stopped (exit ${code})`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      worker.postMessage('close')
      await new Promise((resolve) => worker.once('exit', resolve))
    },
  }
}

function serve(answers) {
  const routes = answers.map((answer) => ({
    method: answer.method,
    pattern: new RegExp(`^${answer.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    status: answer.status,
    headers: { 'content-type': answer.contentType, 'content-length': String(answer.body.byteLength) },
    body: Buffer.from(answer.body),
  }))
  const server = createServer((request, response) => {
    // The request body is read to its end before answering, as a real server would.
    request.resume()
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]
      const route = routes.find((candidate) => candidate.method === request.method && candidate.pattern.test(path))
      if (!route) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end(`no example for ${request.method} ${path}`)
        return
      }
      response.writeHead(route.status, route.headers).end(route.body)
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port))
  parentPort.on('message', (message) => {
    if (message !== 'close') return
    server.close(() => parentPort.close())
    server.closeAllConnections()
  })
}

if (!isMainThread && workerData) serve(workerData)
