import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Actor, AppEnv } from "../../context.ts";
import { constantTimeEqual } from "../crypto/tokens.ts";
import { forbidden, unauthorized } from "./errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface Authenticators {
  /** A session cookie value → the person, or null when unknown or expired. */
  session: {
    read(c: Context<AppEnv>): string | undefined;
    resolve(token: string): Promise<Actor | null>;
    csrfTokenFor(token: string): string;
  };
  /** An `Authorization: Bearer` token → the machine identity; throws an AppError to refuse with a reason. */
  bearer?: (token: string, c: Context<AppEnv>) => Promise<Actor | null>;
  /** When set, the only origin cookie-authenticated writes may come from. */
  publicOrigin?: string | undefined;
}

/**
 * Resolves who is calling, without requiring anyone: routes call requireActor().
 * Cookie-authenticated writes must pass the CSRF defence: the Origin (when the browser
 * sends one) must be ours, and X-CSRF-Token must match the session's token. A refusal is
 * recorded as authError, so public routes stay usable while protected ones answer 403.
 */
export function authenticate(auth: Authenticators) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match || !auth.bearer) {
        c.set(
          "authError",
          unauthorized("The Authorization header must be `Bearer <access token>`", "invalid_authorization"),
        );
      } else {
        try {
          const actor = await auth.bearer(match[1]!, c);
          if (actor) c.set("actor", actor);
          else c.set("authError", unauthorized("The access token is invalid, expired or revoked", "invalid_token"));
        } catch (error) {
          c.set("authError", error as Error);
        }
      }
      return next();
    }

    const token = auth.session.read(c);
    if (token) {
      const actor = await auth.session.resolve(token);
      if (!actor) {
        c.set("authError", unauthorized("Your session has ended. Sign in again.", "session_expired"));
      } else if (!SAFE_METHODS.has(c.req.method) && !passesCsrf(c, token, auth)) {
        c.set(
          "authError",
          forbidden("The request failed the cross-site request check. Reload the page and try again.", "csrf_failed"),
        );
      } else {
        c.set("actor", actor);
        c.set("sessionToken", token);
      }
    }
    return next();
  });
}

function passesCsrf(c: Context<AppEnv>, token: string, auth: Authenticators): boolean {
  const origin = c.req.header("origin");
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return false;
    }
    const allowedHost = auth.publicOrigin ? new URL(auth.publicOrigin).host : c.req.header("host");
    if (originHost !== allowedHost) return false;
  }
  const sent = c.req.header("x-csrf-token");
  return sent !== undefined && constantTimeEqual(sent, auth.session.csrfTokenFor(token));
}
