// What every entry of the package exports: errors, types, the capability guard.

export type * from './adapters/quo-types.js'
export type * from './adapters/signalwire-types.js'
export type * from './adapters/textus-types.js'
export type { SendMode } from './core/adapter.js'
export { hasCapability } from './core/capabilities.js'
export {
  AbortError,
  AuthenticationError,
  ConnectionError,
  type ErrorDetails,
  isTextbridgeError,
  NotFoundError,
  type Problem,
  ProviderError,
  RateLimitError,
  type Sent,
  TextbridgeError,
  TimeoutError,
  ValidationError,
} from './core/errors.js'
export type { PreviewResult } from './core/messenger.js'
export type * from './core/results.js'
export type * from './core/types.js'
export type * from './types.js'
