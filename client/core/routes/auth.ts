import type { acceptInviteInputSchema, setupInputSchema } from "#shared/schemas/auth.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";
import { sessionCheck, sessionRoutes } from "./session.ts";

/** First-run setup, people's sign-in and the dashboard session. */
export const authRoutes = {
  ...sessionRoutes,
  setup: route("POST", "/api/v1/setup", {
    operationId: "completeSetup",
    body: typeOf<typeof setupInputSchema>(),
    response: lazySchema(() => import("#shared/schemas/auth.ts").then((m) => m.setupResponseSchema)),
  }),
  acceptInvite: route("POST", "/api/v1/auth/accept-invite", {
    operationId: "acceptInvite",
    body: typeOf<typeof acceptInviteInputSchema>(),
    response: sessionCheck,
  }),
  /** Public: the server ID that machine logins sign into X-Leasehold-Server-ID. */
  serverInfo: route("GET", "/api/v1/server-info", {
    operationId: "getServerInfo",
    response: lazySchema(() => import("#shared/schemas/server-info.ts").then((m) => m.serverInfoResponseSchema)),
  }),
};
