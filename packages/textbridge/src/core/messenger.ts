// Builds a messenger from an adapter: options checked once into a context, then send,
// broadcast and preview, the same for every provider, plus the adapter's own methods.
import type { Adapter, MessengerCore, SendMode, SetupKit } from './adapter.js'
import { call, read } from './call.js'
import { resolveCall } from './call-options.js'
import { unusableAnswer } from './classify.js'
import { isTextbridgeError, type Problem, ValidationError } from './errors.js'
import { resolveMessengerOptions } from './messenger-options.js'
import { captureRequest } from './preview.js'
import { offerReconcile, outcomeUnknown } from './reconcile.js'
import type { BroadcastResultOf } from './results.js'
import type { CallOptions, Capabilities, PreviewRequest } from './types.js'
import { isPlainObject } from './validation.js'

/** What `preview()` resolves with: what `send` (or `broadcast`, for a list of recipients) would do. */
export interface PreviewResult {
  /** True when the input and options are valid: `send` would make these requests. */
  ok: boolean
  /** Which call the input is for: a list of recipients is a broadcast (unless it is a group). */
  mode: SendMode
  /** Every validation problem, as a ValidationError would list them. */
  problems: Problem[]
  /** The HTTP requests that would go out, in order; none when there are problems. */
  requests: PreviewRequest[]
}

/** The messenger an adapter makes: the same calls for every provider, plus its own methods. */
export type BuiltMessenger<P extends string, Caps extends Capabilities, Result, Methods> = {
  readonly provider: P
  readonly capabilities: Caps
  send(input: unknown, options?: CallOptions): Promise<Result>
  broadcast(input: unknown, options?: CallOptions): Promise<BroadcastResultOf<Result>>
  preview(input: unknown, options?: CallOptions): Promise<PreviewResult>
} & Methods

export function createFromAdapter<P extends string, Options, State, Body, Result, Caps extends Capabilities, Methods>(
  adapter: Adapter<P, Options, State, Body, Result, Caps, Methods>,
  options: Options,
): BuiltMessenger<P, Caps, Result, Methods> {
  const { provider, send: spec } = adapter
  const where = `createMessenger (${provider})`
  if (!isPlainObject(options)) throw new TypeError(`${where}: expected an options object`)
  if (options.provider !== undefined && options.provider !== provider) {
    throw new TypeError(
      `${where}: option "provider" must be '${provider}' here (got ${JSON.stringify(options.provider)}).`,
    )
  }
  const problems: string[] = []
  const context = resolveMessengerOptions(
    options,
    { ...adapter, secrets: adapter.secrets(options as Options) },
    problems,
  )
  const { baseUrl } = options as { baseUrl?: string }
  const kit: SetupKit = {
    shared: {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(context.headers === undefined ? {} : { headers: context.headers }),
    },
    problem: (message) => problems.push(message),
    client(make) {
      try {
        return make()
      } catch (error) {
        // Provider factories say which option is wrong in `detail`; their own name is not ours.
        const detail = (error as { detail?: unknown } | null)?.detail
        if (!(error instanceof TypeError) || typeof detail !== 'string') throw error
        problems.push(detail)
        return undefined
      }
    },
  }
  const state = adapter.setup(options as Options, kit)
  if (problems.length > 0 || state === undefined) {
    throw new TypeError(
      problems.length === 1
        ? `${where}: ${problems[0]}`
        : `${where}: ${problems.length} problems with the options:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }

  const core: MessengerCore<State> = {
    context,
    state,
    settle(operation, callOptions, found, extra) {
      const settings = resolveCall(context, operation, callOptions, found, extra)
      if (found.length > 0) throw new ValidationError(provider, operation, found)
      return settings
    },
    call: (settings, request) => call(context, settings, request),
    read: (settings, success, reader) => read(context, settings, success, reader),
    fault: (settings, response, message) => unusableAnswer(context, settings.operation, response, message),
  }

  /** One request; on a failure that leaves the outcome unknown, the error offers reconcile(). */
  async function sendBody(body: Body, settings: ReturnType<typeof core.settle>): Promise<Result[]> {
    const startedAt = Date.now()
    try {
      const success = await call(context, settings, (init) => spec.post(state as State, body, init))
      return read(context, settings, success, (value) => spec.read(value, body, state as State))
    } catch (error) {
      const search = spec.reconcile
      if (search && outcomeUnknown(error) && isTextbridgeError(error)) {
        offerReconcile(error, (reconcileOptions) => search(core, body, startedAt, reconcileOptions))
      }
      throw error
    }
  }

  const messenger = {
    provider,
    capabilities: adapter.capabilities,
    async send(input: unknown, callOptions?: CallOptions): Promise<Result> {
      const settings = core.settle('send', callOptions, spec.problems(input, 'send'))
      const [body] = spec.bodies(input as Record<string, unknown>, state, 'send')
      return (await sendBody(body as Body, settings))[0] as Result
    },
    async broadcast(input: unknown, callOptions?: CallOptions): Promise<BroadcastResultOf<Result>> {
      // Checked once here: a bad option must not become a failure for every recipient.
      const settings = core.settle('send', callOptions, spec.problems(input, 'broadcast'))
      const bodies = spec.bodies(input as Record<string, unknown>, state, 'broadcast')
      return spec.fanOut(provider, bodies, spec.recipients, (body) => sendBody(body, settings), settings.signal)
    },
    async preview(input: unknown, callOptions?: CallOptions): Promise<PreviewResult> {
      const mode: SendMode =
        isPlainObject(input) && Array.isArray(input.to) && input.delivery !== 'group' ? 'broadcast' : 'send'
      const found = spec.problems(input, mode)
      resolveCall(context, 'send', callOptions, found)
      if (found.length > 0) return { ok: false, mode, problems: found, requests: [] }
      const bodies = spec.bodies(input as Record<string, unknown>, state, mode)
      const requests: PreviewRequest[] = []
      for (const body of mode === 'send' ? bodies.slice(0, 1) : bodies) {
        requests.push(await captureRequest((init) => spec.post(state, body, init), context.redact))
      }
      return { ok: true, mode, problems: [], requests }
    },
    ...(adapter.methods?.(core) as Methods),
  }
  return messenger as BuiltMessenger<P, Caps, Result, Methods>
}
