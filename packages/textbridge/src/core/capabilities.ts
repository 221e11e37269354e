import type { Capabilities } from './types.js'

type WithCapability<M, C extends keyof Capabilities> = Extract<M, { capabilities: Record<C, true> }>

/**
 * Narrows a messenger of any provider to those that can do `capability`, e.g.
 * `if (hasCapability(sms, 'list')) for await (const m of sms.list(query)) …`.
 */
export function hasCapability<M extends { readonly capabilities: Capabilities }, C extends keyof Capabilities>(
  messenger: M,
  capability: C,
): messenger is WithCapability<M, C> {
  return messenger.capabilities[capability] === true
}
