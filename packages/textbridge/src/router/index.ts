export {
  createRouter,
  type Router,
  type RouterBroadcastInput,
  type RouterPreview,
  type RouterSendInput,
  type SendResultOf,
} from './create-router.js'
export { CircuitOpenError } from './errors.js'
export type * from './types.js'
