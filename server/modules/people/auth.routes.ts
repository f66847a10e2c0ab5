import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  acceptInviteInputSchema,
  currentSessionResponseSchema,
  loginInputSchema,
  sessionResponseSchema,
  setupInputSchema,
  setupResponseSchema,
  setupStatusSchema,
} from "#shared/schemas/auth.ts";
import { messageResponseSchema } from "#shared/schemas/common.ts";
import type { AppEnv } from "../../context.ts";
import { AppError } from "../../lib/http/errors.ts";
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  PUBLIC_ROUTE,
  requireActor,
} from "../../lib/http/router.ts";
import type { AuthService, RequestMeta } from "./auth.service.ts";
import type { SessionCookie } from "./session-cookie.ts";

const tags = ["Dashboard sign-in"];

const setupStatus = createRoute({
  ...PUBLIC_ROUTE,
  method: "get",
  path: "/setup/status",
  operationId: "getSetupStatus",
  tags,
  summary: "Whether first-run setup is still needed",
  responses: { 200: jsonResponse(setupStatusSchema, "Setup status") },
});
const setup = createRoute({
  ...PUBLIC_ROUTE,
  method: "post",
  path: "/setup",
  operationId: "completeSetup",
  tags,
  summary: "Create the first admin, organisation and project",
  request: { body: jsonBody(setupInputSchema) },
  responses: { 200: jsonResponse(setupResponseSchema, "Signed in as the new admin"), ...errorResponses },
});
const login = createRoute({
  ...PUBLIC_ROUTE,
  method: "post",
  path: "/auth/login",
  operationId: "login",
  tags,
  summary: "Sign in with email and password",
  request: { body: jsonBody(loginInputSchema) },
  responses: { 200: jsonResponse(sessionResponseSchema, "Signed in"), ...errorResponses },
});
const logout = createRoute({
  ...PUBLIC_ROUTE,
  method: "post",
  path: "/auth/logout",
  operationId: "logout",
  tags,
  summary: "End the current session",
  responses: { 200: jsonResponse(messageResponseSchema, "Signed out"), ...errorResponses },
});
const session = createRoute({
  // Public: "nobody is signed in" is the answer for a browser without a session, not a 401. A bearer token
  // that is refused still gets its 401.
  ...PUBLIC_ROUTE,
  method: "get",
  path: "/auth/session",
  operationId: "getSession",
  tags,
  summary: "The signed-in person, their organisation and CSRF token, or `session: null` when signed out",
  responses: {
    200: jsonResponse(
      currentSessionResponseSchema,
      "The current dashboard session, or `session: null` (with `reasonCode: session_expired` when the cookie sent " +
        "belongs to a session that has ended; the cookie is then cleared)",
    ),
    ...errorResponses,
  },
});
const acceptInvite = createRoute({
  ...PUBLIC_ROUTE,
  method: "post",
  path: "/auth/accept-invite",
  operationId: "acceptInvite",
  tags,
  summary: "Use a one-time setup link",
  request: { body: jsonBody(acceptInviteInputSchema) },
  responses: { 200: jsonResponse(sessionResponseSchema, "Signed in"), ...errorResponses },
});

const metaOf = (c: Context<AppEnv>): RequestMeta => ({
  ip: c.get("clientIp"),
  userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
  requestId: c.get("requestId"),
});

export function authRoutes(auth: AuthService, cookie: SessionCookie) {
  return createRouter()
    .openapi(setupStatus, async (c) => c.json({ needsSetup: await auth.needsSetup() }, 200))
    .openapi(setup, async (c) => {
      const { token, response } = await auth.setup(c.req.valid("json"), metaOf(c));
      cookie.write(c, token);
      return c.json(response, 200);
    })
    .openapi(login, async (c) => {
      const { token, response } = await auth.login(c.req.valid("json"), metaOf(c));
      cookie.write(c, token);
      return c.json(response, 200);
    })
    .openapi(logout, async (c) => {
      // Logout is public (an expired session can still clear its cookie), but a cookie whose
      // request failed the CSRF check is not ended: another site must not sign people out.
      const authError = c.get("authError");
      if (authError instanceof AppError && authError.code === "csrf_failed") throw authError;
      const actor = c.get("actor");
      if (actor) await auth.logout(requireActor(c), metaOf(c));
      cookie.clear(c);
      return c.json({ message: "Signed out" }, 200);
    })
    .openapi(session, async (c) => {
      // A refused bearer token is a refused credential: its 401 stands.
      if (c.req.header("authorization") !== undefined) requireActor(c);
      const actor = c.get("actor");
      const token = c.get("sessionToken");
      if (actor && token) return c.json({ session: await auth.currentSession(actor, token) }, 200);
      if (cookie.read(c) !== undefined && !actor) {
        // The cookie names a session that has ended: say so, and stop the browser sending it.
        cookie.clear(c);
        return c.json({ session: null, reasonCode: "session_expired" as const }, 200);
      }
      return c.json({ session: null }, 200);
    })
    .openapi(acceptInvite, async (c) => {
      const { token, response } = await auth.acceptInvite(c.req.valid("json"), metaOf(c));
      cookie.write(c, token);
      return c.json(response, 200);
    });
}
