// The providers a stateful mock can play, by the name `startMock({ provider })` takes.
import { quoProfile } from './quo.js'
import { signalWireProfile } from './signalwire.js'
import { textUsProfile } from './textus.js'
import type { ProfileContext, ProviderProfile } from './types.js'

const PROFILES: Record<string, (context: ProfileContext) => ProviderProfile> = {
  quo: quoProfile,
  signalwire: signalWireProfile,
  textus: textUsProfile,
}

export function profileFor(provider: string | undefined, context: ProfileContext): ProviderProfile {
  const make = provider === undefined ? undefined : PROFILES[provider]
  if (!make) {
    throw new TypeError(
      `stateful mocks play a known provider: pass provider as one of ${Object.keys(PROFILES).join(', ')}`,
    )
  }
  return make(context)
}
