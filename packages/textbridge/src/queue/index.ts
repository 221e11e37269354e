export { createSendQueue } from './create-send-queue.js'
export { formatProgress } from './progress.js'
export { DEFAULT_RATES } from './rate.js'
export type * from './types.js'
