// The providers whose webhooks the receiver knows: a line each, naming its webhook adapter.
export { quoWebhooks as quo } from '../adapters/quo-webhooks.js'
export { signalwireWebhooks as signalwire } from '../adapters/signalwire-webhooks.js'
export { textusWebhooks as textus } from '../adapters/textus-webhooks.js'
