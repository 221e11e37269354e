import { createQuoMessenger } from './adapters/quo.js'
import { createSignalWireMessenger } from './adapters/signalwire.js'
import { createTextUsMessenger } from './adapters/textus.js'
import { isPlainObject } from './core/validation.js'
import type {
  Messenger,
  MessengerOptions,
  Provider,
  QuoMessenger,
  QuoMessengerOptions,
  SignalWireMessenger,
  SignalWireMessengerOptions,
  TextUsMessenger,
  TextUsMessengerOptions,
} from './types.js'

// The one place that knows every provider: adding one adds an adapter file and a line here.
const FACTORIES: { [P in Provider]: (options: never) => Messenger } = {
  quo: createQuoMessenger,
  signalwire: createSignalWireMessenger,
  textus: createTextUsMessenger,
}

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
export function createMessenger(options: QuoMessengerOptions): QuoMessenger
export function createMessenger(options: SignalWireMessengerOptions): SignalWireMessenger
export function createMessenger(options: TextUsMessengerOptions): TextUsMessenger
export function createMessenger(options: MessengerOptions): Messenger
export function createMessenger(options: MessengerOptions): Messenger {
  if (!isPlainObject(options)) throw new TypeError('createMessenger: expected an options object with a provider.')
  const { provider } = options
  const factory = typeof provider === 'string' && Object.hasOwn(FACTORIES, provider) ? FACTORIES[provider] : undefined
  if (!factory) {
    throw new TypeError(
      `createMessenger: ${provider === undefined ? 'option "provider" is required' : `unknown provider ${JSON.stringify(provider)}`}; use one of ${PROVIDERS.map((p) => `'${p}'`).join(', ')}.`,
    )
  }
  return factory(options as never)
}
