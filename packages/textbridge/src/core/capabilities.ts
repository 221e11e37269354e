import type { Capabilities, Messenger } from '../types.js'

type WithCapability<C extends keyof Capabilities> = Extract<Messenger, { capabilities: Record<C, true> }>

/**
 * Narrows a messenger of any provider to those that can do `capability`, e.g.
 * `if (hasCapability(sms, 'list')) for await (const m of sms.list(query)) …`.
 */
export function hasCapability<C extends keyof Capabilities>(
  messenger: Messenger,
  capability: C,
): messenger is WithCapability<C> {
  return messenger.capabilities[capability] === true
}
