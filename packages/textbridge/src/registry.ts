// The one list of the providers the facade knows: a line each, naming its messenger factory.
// The provider names, options, messengers and messages of the public types (types.ts) and
// createMessenger are all derived from it.
export { createQuoMessenger as quo } from './adapters/quo.js'
export { createSignalWireMessenger as signalwire } from './adapters/signalwire.js'
export { createTextUsMessenger as textus } from './adapters/textus.js'
