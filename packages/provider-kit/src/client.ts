// The type of a provider client: openapi-fetch's `Client` (0.17), declared again without the
// two costs our generated types never need. openapi-fetch maps every response through
// `Readable` and every request body through `Writable`, deep recursive types that strip
// openapi-typescript's `$Read`/`$Write` markers; our generator does not emit those markers
// (its `readOnlyMarkers` option stays off), so both are the identity on our schemas but cost
// a compiler half of a whole-API consumer's instantiations. It also asks whether a call's
// options are required from the required keys of the whole `RequestInit`, where only
// `params` and `body` can be required. The same calls type-check, with the same data and
// error types (test/types/client-typing.test-d.ts of each provider compares them with
// openapi-fetch's own); the runtime object is openapi-fetch's client, unchanged.
// biome-ignore-all lint/suspicious/noExplicitAny: the constraints are openapi-fetch's, which index unknown operations
// biome-ignore-all lint/complexity/noBannedTypes: `{}` is what "no required key" and openapi-fetch's constraints mean
import type {
  BodySerializer,
  ClientOptions,
  HeadersOptions,
  Middleware,
  ParamsOption,
  ParseAs,
  ParseAsResponse,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from 'openapi-fetch'

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace'
type MediaType = `${string}/${string}`
type OkStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | '2XX'
// biome-ignore format: one status family a line, as openapi-typescript-helpers lists them
type ErrorStatus =
  | 500 | 501 | 502 | 503 | 504 | 505 | 506 | 507 | 508 | 510 | 511 | '5XX'
  | 400 | 401 | 402 | 403 | 404 | 405 | 406 | 407 | 408 | 409 | 410 | 411 | 412 | 413 | 414 | 415
  | 416 | 417 | 418 | 420 | 421 | 422 | 423 | 424 | 425 | 426 | 427 | 428 | 429 | 430 | 431 | 444
  | 450 | 451 | 497 | 498 | 499 | '4XX' | 'default'

type FilterKeys<Obj, Matchers> = Obj[keyof Obj & Matchers]
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T]
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>
type PathsWithMethod<Paths, Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [K in Method]: unknown } ? Path : never
}[keyof Paths]
type ResponseObjectMap<T> = T extends { responses: any } ? T['responses'] : unknown
type ResponseContent<T> = T extends { content: unknown } ? T['content'] : unknown
type GetResponseContent<
  T extends Record<string | number, any>,
  Media extends MediaType,
  Code extends keyof T,
> = Code extends keyof T
  ? {
      [K in Code]: T[K]['content'] extends Record<string, any>
        ? FilterKeys<T[K]['content'], Media> extends never
          ? T[K]['content']
          : FilterKeys<T[K]['content'], Media>
        : K extends keyof T
          ? T[K]['content']
          : never
    }[Code]
  : never
type OperationRequestBody<T> = 'requestBody' extends keyof T ? T['requestBody'] : never
type PickRequestBody<T> = 'requestBody' extends keyof T ? Pick<T, 'requestBody'> : never
type IsOperationRequestBodyOptional<T> = RequiredKeysOf<PickRequestBody<T>> extends never ? true : false
type OperationRequestBodyMediaContent<T> =
  IsOperationRequestBodyOptional<T> extends true
    ? ResponseContent<NonNullable<OperationRequestBody<T>>> | undefined
    : ResponseContent<OperationRequestBody<T>>
type OperationRequestBodyContent<T> =
  FilterKeys<OperationRequestBodyMediaContent<T>, MediaType> extends never
    ? FilterKeys<NonNullable<OperationRequestBodyMediaContent<T>>, MediaType> | undefined
    : FilterKeys<OperationRequestBodyMediaContent<T>, MediaType>

/** The `body` option of an operation: required, optional, or absent (`never`). */
export type RequestBodyOption<T> =
  OperationRequestBodyContent<T> extends never
    ? { body?: never }
    : IsOperationRequestBodyOptional<T> extends true
      ? { body?: OperationRequestBodyContent<T> }
      : { body: OperationRequestBodyContent<T> }

/** The options of one call of operation `T`: its parameters and body, and openapi-fetch's own. */
export type FetchOptions<T> = ParamsOption<T> &
  RequestBodyOption<T> & {
    baseUrl?: string
    querySerializer?: QuerySerializer<T> | QuerySerializerOptions
    bodySerializer?: BodySerializer<T>
    pathSerializer?: PathSerializer
    parseAs?: ParseAs
    fetch?: ClientOptions['fetch']
    headers?: HeadersOptions
    middleware?: Middleware[]
  } & Omit<RequestInit, 'body' | 'headers'>

/** What a call of operation `T` resolves with: the documented success data, or error. */
export type FetchResponse<T extends Record<string | number, any>, Options, Media extends MediaType> =
  | {
      data: ParseAsResponse<GetResponseContent<ResponseObjectMap<T>, Media, OkStatus>, Options>
      error?: never
      response: Response
    }
  | {
      data?: never
      error: GetResponseContent<ResponseObjectMap<T>, Media, ErrorStatus>
      response: Response
    }

type Operation<PathItem, Method> = FilterKeys<PathItem, Method>
/** The options of a call of `Method` on a path: `undefined` allowed when nothing in them is required. */
// Only `params` and `body` can be required: the rest of the options never are.
export type MaybeOptionalInit<PathItem, Method> =
  RequiredKeysOf<
    ParamsOption<Operation<PathItem, Method>> & RequestBodyOption<Operation<PathItem, Method>>
  > extends never
    ? FetchOptions<Operation<PathItem, Method>> | undefined
    : FetchOptions<Operation<PathItem, Method>>
// The index signature is added after inference, as openapi-fetch does (it decides whether init is required).
type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }]

type ClientMethod<
  Paths extends Record<string, Record<HttpMethod, {}>>,
  Method extends HttpMethod,
  Media extends MediaType,
> = <Path extends PathsWithMethod<Paths, Method>, Init extends MaybeOptionalInit<Paths[Path], Method>>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, Media>>

type ClientRequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Media extends MediaType> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<Paths[Path][Method], Init, Media>>

/**
 * What a provider's client sends every request with, its factory's options checked: the base
 * URL, the headers (auth included) and the caller's fetch, if any. The facade sends with these
 * through its own small client, so a messenger's bundle carries no openapi-fetch.
 */
export interface ClientSettings {
  baseUrl: string
  headers: Record<string, string>
  fetch?: (request: Request) => Promise<Response>
}

/** An openapi-fetch client typed by a spec's `paths`: `GET`, `POST` … return `{ data, error, response }`. */
export interface TypedClient<Paths extends {}, Media extends MediaType = MediaType> {
  request: ClientRequestMethod<Paths, Media>
  GET: ClientMethod<Paths, 'get', Media>
  PUT: ClientMethod<Paths, 'put', Media>
  POST: ClientMethod<Paths, 'post', Media>
  DELETE: ClientMethod<Paths, 'delete', Media>
  OPTIONS: ClientMethod<Paths, 'options', Media>
  HEAD: ClientMethod<Paths, 'head', Media>
  PATCH: ClientMethod<Paths, 'patch', Media>
  TRACE: ClientMethod<Paths, 'trace', Media>
  use(...middleware: Middleware[]): void
  eject(...middleware: Middleware[]): void
}
