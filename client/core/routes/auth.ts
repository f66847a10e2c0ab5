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
import { serverInfoResponseSchema } from "#shared/schemas/server-info.ts";
import { route } from "../route.ts";

/** First-run setup, people's sign-in and the dashboard session. */
export const authRoutes = {
  setupStatus: route("GET", "/api/v1/setup/status", { operationId: "getSetupStatus", response: setupStatusSchema }),
  setup: route("POST", "/api/v1/setup", {
    operationId: "completeSetup",
    body: setupInputSchema,
    response: setupResponseSchema,
  }),
  login: route("POST", "/api/v1/auth/login", {
    operationId: "login",
    body: loginInputSchema,
    response: sessionResponseSchema,
  }),
  logout: route("POST", "/api/v1/auth/logout", { operationId: "logout", response: messageResponseSchema }),
  /** Public: `{ session: null }` when signed out (with `reasonCode: "session_expired"` when the cookie had ended). */
  session: route("GET", "/api/v1/auth/session", {
    operationId: "getSession",
    response: currentSessionResponseSchema,
  }),
  acceptInvite: route("POST", "/api/v1/auth/accept-invite", {
    operationId: "acceptInvite",
    body: acceptInviteInputSchema,
    response: sessionResponseSchema,
  }),
  /** Public: the server ID that machine logins sign into X-Leasehold-Server-ID. */
  serverInfo: route("GET", "/api/v1/server-info", { operationId: "getServerInfo", response: serverInfoResponseSchema }),
};
