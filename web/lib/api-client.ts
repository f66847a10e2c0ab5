import { type AnswerOf, type AnyRoute, type CallArgs, callRoute } from "#client/core/route.ts";
import { createTransport } from "#client/core/transport.ts";

// The dashboard's one way into the API: the typed client's transport (client/core) with the session cookie, and a
// route from the route tables (client/core/routes/) for every call, so no API path is written in the web.

// The CSRF token lives only in memory: never in storage, where an injected script could read it later.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called on a 401 from any dashboard request; the router uses it to send the person to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

const transport = createTransport({
  session: { csrfToken: () => csrfToken },
  onUnauthorized: () => unauthorizedHandler?.(),
  // Answers are checked with the shared schemas in development and in the web tests. The production build trusts the
  // server it ships with and never downloads a schema (or zod) to check an answer; the session and the setup status
  // are still checked, by hand (decision 1311).
  checkLazyAnswers: import.meta.env.DEV,
});

/**
 * Calls a route: path parameters, query and body typed from the route's shared schemas, the answer typed by its
 * response schema; a failure is a LeaseholdError carrying the API's error body.
 */
export function apiCall<R extends AnyRoute>(route: R, ...args: CallArgs<R>): Promise<AnswerOf<R>> {
  return callRoute(transport, route, ...args);
}
