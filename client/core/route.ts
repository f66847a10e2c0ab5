import type { z } from "zod";
import type { AnswerCheck, OutputOf, TypeOf } from "./schema.ts";
import {
  type HttpMethod,
  type QueryParams,
  type RawResponse,
  type RequestOptions,
  type SendOptions,
  sendRaw,
  type Transport,
} from "./transport.ts";

/**
 * One API operation as the client knows it: method, the path exactly as the OpenAPI document writes it
 * (`/api/v1/identities/{identityId}`), the check of its answer, and the types of its body and query. The route tables
 * (`client/core/routes/*.ts`) are the only place an API path is written outside the server's own route definitions;
 * `client/test/routes-contract.test.ts` checks them against the server's OpenAPI document (decision 1310).
 *
 * Body and query are type-only (`typeOf<typeof schema>()`) and the answer's shared schema is imported on first use
 * (a lazy `() => import(…)`), so a table costs a page its paths and nothing more (decision 1311).
 */
export interface Route<
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
  Response extends AnswerCheck = AnswerCheck,
  Body extends TypeOf<z.ZodType> | undefined = TypeOf<z.ZodType> | undefined,
  Query extends TypeOf<z.ZodType> | undefined = TypeOf<z.ZodType> | undefined,
> {
  readonly operationId: string;
  readonly method: Method;
  readonly path: Path;
  readonly response: Response;
  readonly body: Body;
  readonly query: Query;
}
// biome-ignore lint/suspicious/noExplicitAny: the widest route, for functions that take any of them.
export type AnyRoute = Route<HttpMethod, string, AnswerCheck<any>, any, any>;

export function route<
  const Method extends HttpMethod,
  const Path extends string,
  Response extends AnswerCheck,
  Body extends TypeOf<z.ZodType> | undefined = undefined,
  Query extends TypeOf<z.ZodType> | undefined = undefined,
>(
  method: Method,
  path: Path,
  spec: { operationId: string; response: Response; body?: Body; query?: Query },
): Route<Method, Path, Response, Body, Query> {
  return {
    operationId: spec.operationId,
    method,
    path,
    response: spec.response,
    body: spec.body as Body,
    query: spec.query as Query,
  };
}

/** What a successful call of `R` answers: its response schema's output type. */
export type AnswerOf<R extends AnyRoute> = OutputOf<R["response"]>;
/** What `R` takes as its body: the shared schema's input type (defaults optional, before transforms). */
export type BodyOf<R extends AnyRoute> = R["body"] extends TypeOf<infer S extends z.ZodType> ? z.input<S> : never;

type ParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;
/** `{ identityId: string }` for `/api/v1/identities/{identityId}`. */
type PathParams<Path extends string> = { [Name in ParamNames<Path>]: string };

/** Query strings are coerced by the server, so callers send the parsed type (a number stays a number). */
type QueryOf<R extends AnyRoute> =
  R["query"] extends TypeOf<infer S extends z.ZodType> ? { [K in keyof z.output<S>]?: z.output<S>[K] | null } : never;

type ParamsPart<R extends AnyRoute> = [ParamNames<R["path"]>] extends [never]
  ? { params?: undefined }
  : { params: PathParams<R["path"]> };
type BodyPart<R extends AnyRoute> = R["body"] extends TypeOf<z.ZodType> ? { body: BodyOf<R> } : { body?: undefined };
type QueryPart<R extends AnyRoute> =
  R["query"] extends TypeOf<z.ZodType> ? { query?: QueryOf<R> } : { query?: undefined };

/** What a typed call of `R` takes: its path parameters, its body's input type, its query, and request options. */
type CallOptions<R extends AnyRoute> = ParamsPart<R> &
  BodyPart<R> &
  QueryPart<R> &
  Pick<RequestOptions, "signal" | "headers" | "skipUnauthorizedHandler">;
/** Optional when the route needs neither path parameters nor a body. */
export type CallArgs<R extends AnyRoute> = [ParamNames<R["path"]>] extends [never]
  ? R["body"] extends TypeOf<z.ZodType>
    ? [options: CallOptions<R>]
    : [options?: CallOptions<R>]
  : [options: CallOptions<R>];

/** What a raw send takes: anything in the body and query (a test of refusals sends what the schema forbids). */
export interface SendRouteOptions extends Pick<SendOptions, "signal" | "headers" | "rawBody"> {
  params?: Record<string, string | number>;
  body?: unknown;
  query?: QueryParams;
}

/** The route's path with its parameters filled in, each one URL-encoded so a value can never change the route. */
export function pathOf(route: Pick<AnyRoute, "path">, params: Record<string, string | number> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path} needs the path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/** A typed call: the answer checked by the route's response schema, a LeaseholdError for anything else. */
export function callRoute<R extends AnyRoute>(
  transport: Transport,
  route: R,
  ...[options]: CallArgs<R>
): Promise<AnswerOf<R>> {
  const { params, body, query, ...request } = (options ?? {}) as SendRouteOptions &
    Pick<RequestOptions, "skipUnauthorizedHandler">;
  return transport.request<AnswerOf<R>>(pathOf(route, params), route.response, {
    ...request,
    method: route.method,
    query: query as QueryParams | undefined,
    body,
  });
}

/** The same call answered as it came, whatever the status: for tests and scripts that read statuses themselves. */
export function sendRoute(transport: Transport, route: AnyRoute, options: SendRouteOptions = {}): Promise<RawResponse> {
  const { params, ...request } = options;
  return sendRaw(transport, pathOf(route, params), { ...request, method: route.method });
}
