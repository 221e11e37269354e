export { type FaultProxyOptions, startFaultProxy } from './fault-proxy.js'
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js'
export type { SampleRequest } from './sample-request.js'
export type { MockServer, RecordedRequest } from './serve.js'
export { resolveProviderSpec, type SpecInput } from './spec-source.js'
export { loadSpecValidator, type SpecOperation, type SpecValidator } from './spec-validator.js'
export { type MockOptions, type StatefulMockServer, startMock } from './start-mock.js'
export type { StatefulApi, WebhookEvent, WebhookOptions } from './stateful/engine.js'
export type { Outcome, StoredMessage } from './stateful/types.js'
export { type Violation, violationsOf } from './violations.js'
export {
  type OperationCall,
  type OperationCheck,
  type OperationWalk,
  walkOperations,
} from './walk-operations.js'
export type { Delivery } from './webhooks/send.js'
export type { SignatureScheme } from './webhooks/sign.js'
