// The tests' way into the API: the typed client (client/core), over the app's own `request` (in-process servers) or
// real HTTP (child-process servers), with what a browser would add. It keeps the session cookie, sends the CSRF token
// and a same-origin Origin on writes, and keeps every answer's text in `responses`, so tests can search them for
// leaked secrets.
import type { Hono } from "hono";
import { z } from "zod";
import { LeaseholdClient } from "#client/core/leasehold-client.ts";
import type { AnyRoute, SendRouteOptions } from "#client/core/route.ts";
import type { HttpMethod, RawResponse } from "#client/core/transport.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read answers as loose JSON; `call` is the typed way.
export type ApiResponse<T = any> = RawResponse<T>;

/** An in-process app (`app.request`) or a listening server. */
// biome-ignore lint/suspicious/noExplicitAny: any Hono app's request will do.
export type ApiTarget = Pick<Hono<any>, "request"> | { baseUrl: string };

export interface TestSendOptions extends Omit<SendRouteOptions, "body"> {
  /** JSON-encoded; a string is sent as it is (a malformed body on purpose). POST and PATCH send `{}` by default. */
  body?: unknown;
}

/**
 * A method and path the API does not serve, for tests that a wrong method or an unknown path gets the right error.
 * Every real route comes from the route tables (client/core/routes/).
 */
export function notARoute(method: HttpMethod, path: string): AnyRoute {
  return { operationId: "none", method, path, response: z.unknown(), body: undefined, query: undefined };
}

export function createApiClient(target: ApiTarget, options: { origin?: string; peer?: string } = {}) {
  const origin = options.origin ?? ("baseUrl" in target ? target.baseUrl : "http://localhost");
  let cookie: string | undefined;
  let csrfToken: string | undefined;
  const responses: string[] = [];
  // @hono/node-server's getConnInfo reads the peer address from the incoming socket.
  const env = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined;

  const browserLikeFetch: typeof fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("host")) headers.set("host", new URL(origin).host);
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    if ((init.method ?? "GET") !== "GET" && !headers.has("origin")) headers.set("origin", origin);
    const answer =
      "request" in target
        ? await target.request(String(input), { ...init, headers }, env)
        : await fetch(input, { ...init, headers });
    const setCookie = answer.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      cookie = pair && /=.+/.test(pair) ? pair : undefined;
    }
    const text = await answer.clone().text();
    responses.push(text);
    const token = /"csrfToken":"([^"]+)"/.exec(text)?.[1];
    if (token) csrfToken = token;
    return answer;
  };

  const sdk = new LeaseholdClient({
    baseUrl: origin,
    fetch: browserLikeFetch,
    session: { csrfToken: () => (cookie ? csrfToken : undefined) },
  });

  /** Any route, answered as it came: the status, the body as JSON, the text and the headers. */
  function send<T = ApiResponse["body"]>(route: AnyRoute, sendOptions: TestSendOptions = {}): Promise<ApiResponse<T>> {
    const { body, ...rest } = sendOptions;
    const withBody =
      typeof body === "string"
        ? { rawBody: body }
        : { body: body === undefined && (route.method === "POST" || route.method === "PATCH") ? {} : body };
    return sdk.send(route, { ...rest, ...withBody });
  }

  return {
    send,
    /** A typed call: the answer parsed by the route's shared schema; a LeaseholdError for anything but a 2xx. */
    call: sdk.call.bind(sdk),
    /** The typed client's named methods (identities.create, leases.renew …), on this client's session or token. */
    sdk,
    /** Sends `Authorization: Bearer` from now on (undefined stops). */
    useBearer(token: string | undefined) {
      sdk.accessToken = token;
    },
    responses,
    get cookie() {
      return cookie;
    },
    get csrfToken() {
      return csrfToken;
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
