import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { ZodError } from "zod";
import { errorBodySchema } from "#shared/errors.ts";
import type { Actor, AppEnv, RequestContext } from "../../context.ts";
import { BODY_TOO_LARGE_DESCRIPTION } from "./body-limit.ts";
import { unauthorized } from "./errors.ts";

/** Thrown by the validation hook so that onError shapes every 400 the same way. */
export class RequestValidationError extends Error {
  constructor(readonly zodError: ZodError) {
    super("The request is not valid");
  }
}

/**
 * A route anyone may call declares `security: []` (OpenAPI's "no authentication"): the
 * dashboard's sign-in and setup routes, and the machine login and token routes, whose
 * credential is in the body. Every other route is for an authenticated caller.
 */
export const PUBLIC_ROUTE = { security: [] as Record<string, string[]>[] };
const isPublic = (route: RouteConfig) => Array.isArray(route.security) && route.security.length === 0;

/**
 * Runs before the route's validators, so an anonymous caller is refused with a 401 (or the
 * recorded reason, such as a failed CSRF check) and never learns a route's field rules.
 */
const authenticatedCaller = createMiddleware<AppEnv>(async (c, next) => {
  requireActor(c);
  await next();
});

/**
 * Every module builds its routes with this, so validation failures all reach onError, and
 * every route that is not PUBLIC_ROUTE authenticates its caller before it validates anything.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new RequestValidationError(result.error as ZodError);
    },
  });
  const register = router.openapi;
  router.openapi = ((route, handler, hook) => {
    if (isPublic(route)) return register(route, handler, hook);
    const own =
      route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    return register({ ...route, middleware: [authenticatedCaller, ...own] }, handler, hook);
  }) as typeof register;
  return router;
}

const errorContent = { "application/json": { schema: errorBodySchema } };

/** The error responses every route may give, documented once. */
export const errorResponses = {
  400: { description: "The request is not valid; `issues` lists each field", content: errorContent },
  401: { description: "Not signed in, or the credential was refused", content: errorContent },
  403: { description: "Not allowed", content: errorContent },
  404: { description: "Not found", content: errorContent },
  409: { description: "Conflicts with the current state", content: errorContent },
  413: { description: BODY_TOO_LARGE_DESCRIPTION, content: errorContent },
  429: { description: "Too many requests", content: errorContent },
} satisfies RouteConfig["responses"];

export const jsonBody = <T>(schema: T, description?: string) => ({
  content: { "application/json": { schema } },
  required: true as const,
  ...(description ? { description } : {}),
});

export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** The signed-in actor, or a 401 (or the recorded reason, such as a failed CSRF check). */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get("actor");
  if (actor) return actor;
  throw c.get("authError") ?? unauthorized();
}

/** The request context services take: who, from where, and the request ID. */
export function requestContext(c: Context<AppEnv>): RequestContext {
  return {
    actor: requireActor(c),
    ip: c.get("clientIp"),
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    requestId: c.get("requestId"),
  };
}
