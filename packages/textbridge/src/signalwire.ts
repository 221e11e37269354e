// textbridge/signalwire: the facade with SignalWire alone, for the smallest bundle when you use only SignalWire.
export { createSignalWireMessenger, SIGNALWIRE_STATUS } from './adapters/signalwire.js'
export * from './shared.js'
