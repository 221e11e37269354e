// Everything a user could see of a run — errors (message, stack, toJSON, inspect, causes) and
// retry events — collected, so a test can prove no credential appears in any of it.
import { inspect } from 'node:util'
import { CANARY } from './fixtures.js'

// Each view is searched as it comes and then dropped: a run exposes tens of thousands of them.
let exposed = 0
let hits = 0

function scan(text: string): void {
  exposed++
  for (const secret of Object.values(CANARY)) hits += text.split(secret).length - 1
}

export function expose(value: unknown): void {
  if (value instanceof Error) {
    scan(value.message)
    scan(String(value.stack))
    scan(inspect(value, { depth: 8, showHidden: true }))
    try {
      scan(JSON.stringify(value))
    } catch {
      // a value that cannot be serialised shows nothing more
    }
  } else {
    scan(inspect(value, { depth: 8 }))
  }
}

/** How many times a credential appeared in what was exposed (it must be 0). */
export function canaryHits(): number {
  return hits
}

export function exposedCount(): number {
  return exposed
}
