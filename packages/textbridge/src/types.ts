// The public types over every provider, derived from the registry: a provider added there
// appears here with no edit.

import type { BroadcastResultOf, RecipientResultOf } from './core/results.js'
import type { AcceptedMessage, ReconciliationOf } from './core/types.js'
import type * as Registry from './registry.js'

type Factories = typeof Registry

/** The providers `createMessenger` knows. */
export type Provider = keyof Factories

/** The messenger of one provider. */
export type MessengerOf<P extends Provider> = ReturnType<Factories[P]>

type WithProvider<O, P extends string> = O extends unknown ? Omit<O, 'provider'> & { provider: P } : never

/** The options of one provider's messenger, `provider` included. */
export type MessengerOptionsOf<P extends Provider> = P extends Provider
  ? WithProvider<Parameters<Factories[P]>[0], P>
  : never

/** The options of any provider's messenger: `provider` says which. */
export type MessengerOptions = MessengerOptionsOf<Provider>

/** A messenger of any provider, narrowed by `provider` or `hasCapability`. */
export type Messenger = { [P in Provider]: MessengerOf<P> }[Provider]

/** A message, normalized. `Message` alone is the union over providers, narrowed by `provider`. */
export type Message<P extends Provider = Provider> = P extends Provider
  ? Extract<Awaited<ReturnType<MessengerOf<P>['send']>>, { id: string }>
  : never

/** Each provider's own message object, as its spec types it. */
export type RawMessages = { [P in Provider]: Message<P>['raw'] }

/** What one recipient of a broadcast got. */
export type RecipientResult<P extends Provider = Provider> = RecipientResultOf<Message<P> | AcceptedMessage<P>>

/** A broadcast: one message per recipient, each with its own outcome, in the order of `to`. */
export type BroadcastResult<P extends Provider = Provider> = BroadcastResultOf<Message<P> | AcceptedMessage<P>>

/** What `reconcile()` found out about a send whose outcome was unknown. */
export type Reconciliation<P extends Provider = Provider> = ReconciliationOf<Message<P>>
