import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../context.ts";
import { badRequest } from "./errors.ts";

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL anywhere in a request would surface
 * as a database error (a 500). Refuse it up front, once, for every route.
 */
export function rejectNulCharacters() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const url = c.req.url;
    let decoded = url;
    try {
      decoded = decodeURIComponent(url);
    } catch {
      throw badRequest("invalid_request", "The URL is not validly percent-encoded");
    }
    if (decoded.includes("\u0000")) throw badRequest("invalid_request", "The URL must not contain NUL characters");
    if (c.req.method !== "GET" && c.req.method !== "HEAD") {
      const body = await c.req.text();
      if (body.includes("\u0000") || /\\u0000/i.test(body)) {
        throw badRequest("invalid_request", "Text fields must not contain NUL characters");
      }
    }
    await next();
  });
}
