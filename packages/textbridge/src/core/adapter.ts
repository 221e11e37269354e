// What an adapter tells the core about its provider. An adapter file holds only provider
// knowledge (options, rules, request bodies, reading answers and error bodies); core/messenger.ts
// builds send, broadcast and preview from it, the same way for every provider.
import type { FanOut } from './broadcast.js'
import type { CallInit, ClientAnswer, Success } from './call.js'
import type { ResolvedCall } from './call-options.js'
import type { ErrorInfo } from './classify.js'
import type { Problem } from './errors.js'
import type { MessengerContext } from './messenger-options.js'
import type { Capabilities, MessageOf, Operation, ReconcileOptions, ReconciliationOf } from './types.js'

/** A send to one recipient (or one group), or a broadcast: a message per recipient. */
export type SendMode = 'send' | 'broadcast'

/** How a provider sends. `Body` is its request body, `Result` what a send resolves with. */
export interface SendSpec<State, Body, Result> {
  /** Every problem with a send's or a broadcast's input, by the provider's rules. Pure. */
  problems(input: unknown, mode: SendMode): Problem[]
  /** The request bodies of a valid input: one for a send; for a broadcast, one per request. Pure. */
  bodies(input: Record<string, unknown>, state: State, mode: SendMode): Body[]
  /** The recipients one body goes to. */
  recipients(body: Body): string[]
  /** Sends one body with the provider's client. */
  post(state: State, body: Body, init: CallInit): Promise<ClientAnswer>
  /** What a success says: a result per recipient of the body (one, for a group). Throws ShapeError. */
  read(body: unknown, request: Body, state: State): Result[]
  /**
   * How a broadcast goes out: `eachRecipient` (a request per body) or `oneRequest` (the
   * provider takes every recipient in one request, whose outcome they share), from core/broadcast.ts.
   */
  fanOut: FanOut
  /**
   * Where the provider can look messages up: after a send whose outcome is unknown, finds
   * whether it went out. Offered as the error's `reconcile()`.
   */
  reconcile?(
    core: MessengerCore<State>,
    body: Body,
    startedAt: number,
    options: ReconcileOptions | undefined,
  ): Promise<ReconciliationOf<MessageOf<string, unknown>>>
}

/** What the core gives an adapter's own methods (get, list, reconcile). */
export interface MessengerCore<State> {
  readonly context: MessengerContext
  readonly state: State
  /**
   * A call's settings from its options, checked with `extra` keys allowed; throws one
   * ValidationError with the given input problems and the options' problems, if any.
   */
  settle(operation: Operation, options: unknown, problems: Problem[], extra?: readonly string[]): ResolvedCall
  /** Runs one request of a call. */
  call(settings: ResolvedCall, request: (init: CallInit) => Promise<ClientAnswer>): Promise<Success>
  /** Reads a success; a body of the wrong shape becomes a ProviderError. */
  read<T>(settings: ResolvedCall, success: Success, reader: (body: unknown) => T): T
  /** A ProviderError about an answer that came but cannot be used. */
  fault(settings: ResolvedCall, response: Response, message: string): Error
}

/** What an adapter's setup is handed: where to report problems, and the caller's headers. */
export interface SetupKit {
  /** The options every provider client takes, as given to the messenger: `baseUrl`, `headers`. */
  readonly shared: { baseUrl?: string; headers?: Record<string, string> }
  /** Adds a problem with the options (a sentence, e.g. `option "from" is required…`). */
  problem(message: string): void
  /** Runs a provider client factory; a bad option it reports becomes a problem, and the result undefined. */
  client<T>(make: () => T): T | undefined
}

/** One provider, described for the core. */
export interface Adapter<P extends string, Options, State, Body, Result, Caps extends Capabilities, Methods> {
  readonly provider: P
  /** The provider's name in messages, e.g. "SignalWire". */
  readonly name: string
  readonly capabilities: Caps
  /** The provider's own option keys, beside the common ones. */
  readonly options: readonly string[]
  /** The options that hold the credentials, as messages name them, e.g. "apiKey". */
  readonly credentials: string
  /** Every credential, and every header value made from one, to redact from what we show. */
  secrets(options: Options): unknown[]
  /** Reads the provider's error body. */
  errorInfo(body: unknown): ErrorInfo
  /** Checks the provider's own options and makes its client; undefined when a problem was reported. */
  setup(options: Options, kit: SetupKit): State | undefined
  readonly send: SendSpec<State, Body, Result>
  /** The provider's further methods (get, list), where it has them. */
  methods?(core: MessengerCore<State>): Methods
}
