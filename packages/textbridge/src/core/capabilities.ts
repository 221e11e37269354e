import type { Capabilities } from './types.js'

/** A provider's capabilities: send and broadcast are every provider's, the rest its own. */
export function capabilities<const C extends Omit<Capabilities, 'send' | 'broadcast'>>(
  own: C,
): Readonly<{ send: true; broadcast: true } & C> {
  return Object.freeze({ send: true, broadcast: true, ...own })
}

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
