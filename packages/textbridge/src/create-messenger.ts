import { isPlainObject } from './core/validation.js'
import * as FACTORIES from './registry.js'
import type { MessengerOf, MessengerOptionsOf, Provider } from './types.js'

/** The providers `createMessenger` knows. */
export const PROVIDERS = Object.freeze(Object.keys(FACTORIES) as Provider[])

/**
 * Creates a messenger for one provider. The options are the provider's own (checked by the
 * types and at runtime); the messenger's methods are the same for every provider, except
 * `get` and `list`, which exist only where the provider can (see `capabilities`).
 *
 * @example
 * const sms = createMessenger({ provider: 'quo', apiKey, from: '+15555550100' })
 * const msg = await sms.send({ to: '+15555550123', text: 'Hello' })
 */
export function createMessenger<P extends Provider>(options: MessengerOptionsOf<P> & { provider: P }): MessengerOf<P> {
  if (!isPlainObject(options)) throw new TypeError('createMessenger: expected an options object with a provider.')
  const { provider } = options
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: createMessenger serves every provider, so each stays in its bundle.
  const factory = typeof provider === 'string' && Object.hasOwn(FACTORIES, provider) ? FACTORIES[provider] : undefined
  if (!factory) {
    throw new TypeError(
      `createMessenger: ${provider === undefined ? 'option "provider" is required' : `unknown provider ${JSON.stringify(provider)}`}; use one of ${PROVIDERS.map((p) => `'${p}'`).join(', ')}.`,
    )
  }
  return (factory as (options: unknown) => MessengerOf<P>)(options)
}
