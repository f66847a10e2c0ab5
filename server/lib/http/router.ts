import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import { errorBodySchema } from "#shared/errors.ts";
import type { Actor, AppEnv, RequestContext } from "../../context.ts";
import { unauthorized } from "./errors.ts";

/** Thrown by the validation hook so that onError shapes every 400 the same way. */
export class RequestValidationError extends Error {
  constructor(readonly zodError: ZodError) {
    super("The request is not valid");
  }
}

/** Every module builds its routes with this, so validation failures all reach onError. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new RequestValidationError(result.error as ZodError);
    },
  });
}

const errorContent = { "application/json": { schema: errorBodySchema } };

/** The error responses every route may give, documented once. */
export const errorResponses = {
  400: { description: "The request is not valid; `issues` lists each field", content: errorContent },
  401: { description: "Not signed in, or the credential was refused", content: errorContent },
  403: { description: "Not allowed", content: errorContent },
  404: { description: "Not found", content: errorContent },
  409: { description: "Conflicts with the current state", content: errorContent },
  413: { description: "The body is larger than 64 KiB", content: errorContent },
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

export const iso = (date: Date) => date.toISOString();
export const isoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);
