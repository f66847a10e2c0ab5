import type { OrgRole } from "#shared/schemas/common.ts";
import type { Logger } from "./lib/logger.ts";

/** Who is acting: a person (session) or a machine identity (access token). */
export type Actor =
  | { type: "user"; id: string; orgId: string; orgRole: OrgRole; name: string; email: string; sessionId: string }
  | { type: "identity"; id: string; orgId: string; orgRole: OrgRole; name: string; tokenId: string };

/** A background job acting on an organisation's behalf (lease expiry, recovery). */
type SystemActor = { type: "system"; id: null; orgId: string; name: string };

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SystemContext {
  actor: SystemActor;
  ip: null;
  userAgent: null;
  requestId: string | null;
}

export type AuditContext = RequestContext | SystemContext;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Hono's per-request variables. */
interface AppVariables {
  requestId: string;
  logger: Logger;
  clientIp: string;
  actor: Actor | undefined;
  /** Why authentication failed, when a credential was presented but refused (e.g. CSRF). */
  authError: Error | undefined;
  /** The raw session cookie value, when the actor came from a session (for the CSRF token). */
  sessionToken: string | undefined;
}

export type AppEnv = { Variables: AppVariables };
