import type { z } from "zod";
import type {
  CurrentSessionResponse,
  loginInputSchema,
  SessionResponse,
  setupStatusSchema,
} from "#shared/schemas/auth.ts";
import { handCheck, isRecord, isTimestamp, isUuid } from "../checks.ts";
import { route } from "../route.ts";
import { lazySchema, typeOf } from "../schema.ts";

// The routes every dashboard page calls before it shows anything (the session, the setup status, signing in and out),
// in a table of their own so /login downloads no other. Their answers are checked by hand, without zod;
// session.unit.test.ts holds each check to its shared schema (sessionResponseSchema, currentSessionResponseSchema,
// setupStatusSchema): it takes and gives back exactly what the schema does.

const ORG_ROLES: readonly string[] = ["admin", "member"] satisfies SessionResponse["orgRole"][];

function namedOf(value: unknown): { id: string; name: string; createdAt: string } | undefined {
  if (!isRecord(value) || !isUuid(value.id) || typeof value.name !== "string" || !isTimestamp(value.createdAt)) {
    return undefined;
  }
  return { id: value.id, name: value.name, createdAt: value.createdAt };
}

function userOf(value: unknown): SessionResponse["user"] | undefined {
  const named = namedOf(value);
  const email = isRecord(value) ? value.email : undefined;
  return named && typeof email === "string"
    ? { id: named.id, email, name: named.name, createdAt: named.createdAt }
    : undefined;
}

function sessionOf(value: unknown): SessionResponse | undefined {
  if (!isRecord(value) || typeof value.csrfToken !== "string" || !ORG_ROLES.includes(value.orgRole as string)) {
    return undefined;
  }
  const user = userOf(value.user);
  const organization = namedOf(value.organization);
  if (!user || !organization) return undefined;
  return { user, organization, orgRole: value.orgRole as SessionResponse["orgRole"], csrfToken: value.csrfToken };
}

/** sessionResponseSchema, by hand. */
export const sessionCheck = handCheck("a session", sessionOf);

/** currentSessionResponseSchema, by hand: `{ session: null }` when signed out. */
export const currentSessionCheck = handCheck("{ session }", (value): CurrentSessionResponse | undefined => {
  if (!isRecord(value)) return undefined;
  const session = value.session === null ? null : sessionOf(value.session);
  if (session === undefined) return undefined;
  if (value.reasonCode === undefined) return { session };
  return value.reasonCode === "session_expired" ? { session, reasonCode: value.reasonCode } : undefined;
});

/** setupStatusSchema, by hand. */
export const setupStatusCheck = handCheck("{ needsSetup }", (value): z.output<typeof setupStatusSchema> | undefined =>
  isRecord(value) && typeof value.needsSetup === "boolean" ? { needsSetup: value.needsSetup } : undefined,
);

/** What the dashboard asks before it shows a page, and signing in and out. Part of `authRoutes`. */
export const sessionRoutes = {
  setupStatus: route("GET", "/api/v1/setup/status", { operationId: "getSetupStatus", response: setupStatusCheck }),
  login: route("POST", "/api/v1/auth/login", {
    operationId: "login",
    body: typeOf<typeof loginInputSchema>(),
    response: sessionCheck,
  }),
  logout: route("POST", "/api/v1/auth/logout", {
    operationId: "logout",
    response: lazySchema(() => import("#shared/schemas/common.ts").then((m) => m.messageResponseSchema)),
  }),
  /** Public: `{ session: null }` when signed out (with `reasonCode: "session_expired"` when the cookie had ended). */
  session: route("GET", "/api/v1/auth/session", { operationId: "getSession", response: currentSessionCheck }),
};
