// textbridge/queue: bulk sends that keep to the provider's rate and survive crashes (Redis).
export * from './queue/index.js'
