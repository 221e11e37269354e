// The facade's shape, checked on its source: core/ knows no provider, nothing imports in a
// circle, and each capability folder reaches only core/ and the adapters' public parts.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

/** Every import and re-export of every source file (type-only ones included), as paths relative to src. */
function graph(root: string): Map<string, string[]> {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  const edges = new Map<string, string[]>()
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8')
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1] as string)
    edges.set(
      file,
      specifiers.map((s) =>
        s.startsWith('.') ? relative(root, resolve(root, dirname(file), s)).replace(/\.js$/, '.ts') : s,
      ),
    )
  }
  return edges
}

const edges = graph(SRC)
/** An npm package (a kept library such as the router's circuit breaker), not ours and not a provider's. */
const isLibrary = (target: string) => !target.includes('.ts') && !target.startsWith('@textbridge/')
const top = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : '')

describe('the import graph of the facade', () => {
  it('sees the source (a guard against a test that reads nothing)', () => {
    expect(edges.size).toBeGreaterThan(20)
    expect(edges.get('core/messenger.ts')).toContain('core/call.ts')
  })

  it('core/ imports no provider package, no adapter and nothing outside core/ but segments/', () => {
    const leaks = [...edges]
      .filter(([file]) => top(file) === 'core')
      .flatMap(([file, targets]) =>
        targets.filter((t) => top(t) !== 'core' && top(t) !== 'segments').map((t) => `${file} -> ${t}`),
      )
    expect(leaks).toEqual([])
  })

  it('segments/ is a leaf: it imports nothing outside itself (so core may count segments)', () => {
    const leaks = [...edges]
      .filter(([file]) => top(file) === 'segments')
      .flatMap(([file, targets]) => targets.filter((t) => top(t) !== 'segments').map((t) => `${file} -> ${t}`))
    expect(leaks).toEqual([])
  })

  it('has no import cycle, type-only imports included', () => {
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '))
        return
      }
      state.set(file, 'open')
      for (const target of edges.get(file) ?? []) if (edges.has(target)) visit(target, [...path, file])
      state.set(file, 'done')
    }
    for (const file of edges.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('lets adapters reach core/ and their provider package only, and capability folders core/ and adapters', () => {
    // A capability may use another's public index (never its internals) and libraries.
    const wrong: string[] = []
    for (const [file, targets] of edges) {
      const folder = top(file)
      if (folder === '' || folder === 'core') continue
      for (const target of targets) {
        const to = top(target)
        const allowed =
          folder === 'adapters'
            ? to === 'core' || to === 'adapters' || target.startsWith('@textbridge/')
            : to === 'core' ||
              to === folder ||
              (to === 'adapters' && !target.includes('/', 'adapters/'.length)) ||
              isLibrary(target) ||
              (to !== 'adapters' && target === `${to}/index.ts`)
        if (!allowed) wrong.push(`${file} -> ${target}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
