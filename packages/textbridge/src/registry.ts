// The one list of the providers the facade knows. Adding a provider is its adapter and one
// line here: the provider names, options, messengers and messages of the public types are all
// derived from this list (see types.ts).
import { createQuoMessenger } from './adapters/quo.js'
import { createSignalWireMessenger } from './adapters/signalwire.js'
import { createTextUsMessenger } from './adapters/textus.js'

/** Each provider's messenger factory, by provider name. */
export const FACTORIES = {
  quo: createQuoMessenger,
  signalwire: createSignalWireMessenger,
  textus: createTextUsMessenger,
} as const
