// textbridge/router: one send over several messengers, with safe failover, on its own.
export * from './router/index.js'
