// textbridge/textus: the facade with TextUs alone, for the smallest bundle when you use only TextUs.
export { createTextUsMessenger, TEXTUS_STATUS } from './adapters/textus.js'
export * from './shared.js'
