// textbridge/webhooks: the webhook receiver alone.
export * from './webhooks/index.js'
