// What every entry of the package exports: errors, types, the capability guard.

export { hasCapability } from './core/capabilities.js'
export {
  AuthenticationError,
  ConnectionError,
  type ErrorDetails,
  isTextbridgeError,
  NotFoundError,
  type Problem,
  ProviderError,
  RateLimitError,
  TextbridgeError,
  TimeoutError,
  ValidationError,
} from './core/errors.js'
export type * from './types.js'
