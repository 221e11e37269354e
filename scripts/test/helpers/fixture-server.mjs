// A vendor's web server for the tests, on 127.0.0.1 and a free port: each path answers with
// the status, type and body it is given.
import { createServer } from 'node:http'

/**
 * `routes`: { '/path': { status?, type?, body } }. Resolves to `{ url(path), close() }`. `port`:
 * the port to listen on when it is free (any free port otherwise), for a test whose URLs end up
 * in files that turbo hashes: the same URL from run to run lets the copies' builds be cache hits.
 */
export async function serveFixtures(routes, { port: preferred = 0 } = {}) {
  const server = createServer((request, response) => {
    const route = routes[new URL(request.url ?? '/', 'http://fixture.invalid').pathname]
    response.statusCode = route?.status ?? (route ? 200 : 404)
    response.setHeader('content-type', route?.type ?? 'text/plain')
    response.end(route?.body ?? 'not found')
  })
  const listen = (port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  await listen(preferred).catch((error) => {
    if (preferred === 0 || error.code !== 'EADDRINUSE') throw error
    return listen(0)
  })
  const { port } = server.address()
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(resolve)
      }),
  }
}

/** A URL on which nothing listens: a port that was free a moment ago. */
export async function deadUrl(path) {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}${path}`
}
