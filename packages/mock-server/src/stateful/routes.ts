// Which operation of the spec a request is, with its path parameters, from the path templates.
export interface Route {
  operationId: string
  method: string
  pattern: RegExp
  names: string[]
}

export function routesOf(operations: readonly { method: string; path: string; iid?: string }[]): Route[] {
  return (
    operations
      .filter((operation) => operation.iid)
      .map((operation) => {
        const names: string[] = []
        const source = operation.path
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const name = /^\{([^}]+)\}$/.exec(part)?.[1]
            if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            names.push(name)
            return '([^/]+)'
          })
          .join('')
        return {
          operationId: operation.iid as string,
          method: operation.method.toLowerCase(),
          pattern: new RegExp(`^${source}$`),
          names,
        }
      })
      // Literal paths before templated ones, as OpenAPI matches them.
      .sort((a, b) => a.names.length - b.names.length)
  )
}

export function match(routes: readonly Route[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method.toLowerCase()) continue
    const found = route.pattern.exec(path)
    if (!found) continue
    const params: Record<string, string> = {}
    route.names.forEach((name, index) => {
      params[name] = decodeSegment(found[index + 1] as string)
    })
    return { operationId: route.operationId, params }
  }
  return undefined
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment // a literal "%": not URI-encoded
  }
}
