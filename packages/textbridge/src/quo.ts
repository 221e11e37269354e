// textbridge/quo: the facade with Quo alone, for the smallest bundle when you use only Quo.
export { createQuoMessenger, QUO_STATUS } from './adapters/quo.js'
export * from './shared.js'
