// Builds a messenger from an adapter: options checked once into a context, then send,
// broadcast and preview, the same for every provider, plus the adapter's own methods.

import { countText } from '../segments/count.js'
import type { SegmentCount } from '../segments/types.js'
import type { Adapter, MessengerCore, SendMode, SetupKit } from './adapter.js'
import { call, read } from './call.js'
import type { ResolvedCall } from './call-options.js'
import { resolveCall } from './call-options.js'
import { unusableAnswer } from './classify.js'
import { isTextbridgeError, type Problem, ValidationError } from './errors.js'
import { isSegmentLimit, resolveMessengerOptions } from './messenger-options.js'
import { captureRequest } from './preview.js'
import { offerReconcile, outcomeUnknown } from './reconcile.js'
import type { BroadcastResultOf } from './results.js'
import type { Capabilities, PreviewRequest, SendOptions } from './types.js'
import { isPlainObject } from './validation.js'

/** The longest text counted in segments: far past every provider's limit (1,600 characters). */
const MAX_COUNTED = 64 * 1024

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
  /** What the text costs, as `countSegments` counts it; undefined without a text (a template, media alone) or past 64 Ki characters. */
  segments: SegmentCount | undefined
}

/** The messenger an adapter makes: the same calls for every provider, plus its own methods. */
export type BuiltMessenger<P extends string, Caps extends Capabilities, Result, Methods> = {
  readonly provider: P
  readonly capabilities: Caps
  send(input: unknown, options?: SendOptions): Promise<Result>
  broadcast(input: unknown, options?: SendOptions): Promise<BroadcastResultOf<Result>>
  preview(input: unknown, options?: SendOptions): Promise<PreviewResult>
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

  /**
   * Every problem of a send's input and options, its segment limit included, and the settings
   * and segment count it would run with.
   */
  function checkSend(input: unknown, mode: SendMode, callOptions: unknown, counted = false) {
    const problems = spec.problems(input, mode)
    const settings = resolveCall(context, 'send', callOptions, problems, ['maxSegments'])
    const asked = (callOptions as SendOptions | undefined)?.maxSegments
    if (asked !== undefined && !isSegmentLimit(asked)) {
      problems.push({ path: 'options.maxSegments', rule: 'type', message: 'must be a whole number ≥ 1', value: asked })
    }
    const limit = isSegmentLimit(asked) ? asked : context.maxSegments
    // Counted for a preview, or against a limit; never a text far past any provider's length.
    const text = isPlainObject(input) ? input.text : undefined
    const segments =
      typeof text === 'string' && text.length <= MAX_COUNTED && (counted || limit !== undefined)
        ? countText(text)
        : undefined
    if (segments && limit !== undefined && segments.segments > limit) {
      const forced = segments.nonGsm.slice(0, 5).map((c) => `${JSON.stringify(c.char)} at ${c.index}`)
      problems.push({
        path: 'text',
        rule: 'max-segments',
        message:
          `is ${segments.segments} SMS segments (${segments.encoding}, ${segments.units} units); at most ${limit} allowed` +
          (forced.length > 0
            ? `; UCS-2 because of ${forced.join(', ')}${segments.nonGsm.length > 5 ? ', …' : ''}`
            : ''),
        value: text,
      })
    }
    return { problems, settings, segments }
  }

  /** The settings of a valid send; else one ValidationError with every problem. */
  function settleSend(input: unknown, mode: SendMode, callOptions: unknown): ResolvedCall {
    const { problems, settings } = checkSend(input, mode, callOptions)
    if (problems.length > 0) throw new ValidationError(provider, 'send', problems)
    return settings
  }

  const messenger = {
    provider,
    capabilities: adapter.capabilities,
    async send(input: unknown, callOptions?: SendOptions): Promise<Result> {
      const settings = settleSend(input, 'send', callOptions)
      const [body] = spec.bodies(input as Record<string, unknown>, state, 'send')
      return (await sendBody(body as Body, settings))[0] as Result
    },
    async broadcast(input: unknown, callOptions?: SendOptions): Promise<BroadcastResultOf<Result>> {
      // Checked once here: a bad option must not become a failure for every recipient.
      const settings = settleSend(input, 'broadcast', callOptions)
      const bodies = spec.bodies(input as Record<string, unknown>, state, 'broadcast')
      return spec.fanOut(provider, bodies, spec.recipients, (body) => sendBody(body, settings), settings.signal)
    },
    async preview(input: unknown, callOptions?: SendOptions): Promise<PreviewResult> {
      const mode: SendMode =
        isPlainObject(input) && Array.isArray(input.to) && input.delivery !== 'group' ? 'broadcast' : 'send'
      const { problems: found, segments } = checkSend(input, mode, callOptions, true)
      if (found.length > 0) return { ok: false, mode, problems: found, requests: [], segments }
      const bodies = spec.bodies(input as Record<string, unknown>, state, mode)
      const requests: PreviewRequest[] = []
      for (const body of mode === 'send' ? bodies.slice(0, 1) : bodies) {
        requests.push(await captureRequest((init) => spec.post(state, body, init), context.redact))
      }
      return { ok: true, mode, problems: [], requests, segments }
    },
    ...(adapter.methods?.(core) as Methods),
  }
  return messenger as BuiltMessenger<P, Caps, Result, Methods>
}
