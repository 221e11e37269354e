// JSON pointers into a spec document, and the local `$ref`s between its parts.

export type Node = Record<string, unknown>

/** A node of the spec with the JSON pointer it was found at (after following `$ref`s). */
export interface Located {
  node: Node
  pointer: string
}

/** Follows `$ref`s from `node` (found at `pointer`) to the node they name. */
export function follow(document: Node, node: unknown, pointer: string, depth = 0): Located | undefined {
  if (!node || typeof node !== 'object') return undefined
  const ref = (node as Node).$ref
  if (typeof ref !== 'string') return { node: node as Node, pointer }
  if (!ref.startsWith('#/') || depth > 20) return undefined
  const target = locate(document, ref.slice(1))
  return target ? follow(document, target.node, target.pointer, depth + 1) : undefined
}

export function locate(document: Node, pointer: string): Located | undefined {
  let node: unknown = document
  for (const segment of pointer.split('/').slice(1)) {
    const key = decodePointerSegment(segment)
    node = node && typeof node === 'object' ? (node as Node)[key] : undefined
  }
  return node && typeof node === 'object' ? { node: node as Node, pointer } : undefined
}

function decodePointerSegment(segment: string): string {
  let text = segment
  try {
    text = decodeURIComponent(segment)
  } catch {
    // a literal "%" in a path: the segment is not URI-encoded
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~')
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}
