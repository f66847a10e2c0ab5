import { createHmac } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { AcceptInviteInput, LoginInput, SessionResponse, SetupInput } from "#shared/schemas/auth.ts";
import type { OrgRole } from "#shared/schemas/common.ts";
import type { Actor, Clock } from "../../context.ts";
import type { Db } from "../../db/client.ts";
import { generateToken, hashToken } from "../../lib/crypto/tokens.ts";
import { AppError, conflict, unauthorized } from "../../lib/http/errors.ts";
import type { RateLimiter } from "../../lib/rate-limit.ts";
import type { AuditEvent, AuditService } from "../audit/audit.service.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import type { PeopleRepo, UserRow } from "./people.repo.ts";

const INVALID_LOGIN = "Incorrect email or password";
// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = hash("leasehold-timing-equaliser-not-a-password");
// lastSeenAt is written at most this often, so reads do not each cost a write.
const TOUCH_INTERVAL_MS = 60_000;

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** The CSRF token is derived from the session secret: nothing extra to store, and it dies with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("leasehold-csrf").digest("base64url");
}

export function createAuthService(deps: {
  db: Db;
  repo: PeopleRepo;
  audit: AuditService;
  projects: ProjectsService;
  clock: Clock;
  randomId: () => string;
  sessionPolicy: SessionPolicy;
  loginLimits: { perIp: RateLimiter; perEmail: RateLimiter };
}) {
  const { db, repo, clock, randomId } = deps;

  /** Opens a session for a person in an org, audits it, and returns the cookie value and the signed-in response. */
  async function startSession(
    tx: Db,
    user: UserRow,
    orgId: string,
    orgRole: OrgRole,
    meta: RequestMeta,
    event: AuditEvent,
  ) {
    const token = generateToken("lhs");
    const now = clock.now();
    const sessionId = randomId();
    await repo.insertSession(tx, {
      id: sessionId,
      orgId,
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.sessionPolicy.absoluteSeconds * 1000),
    });
    const actor: Actor = { type: "user", id: user.id, orgId, orgRole, name: user.name, email: user.email, sessionId };
    const ctx = { actor, ...meta };
    await deps.audit.record(tx, ctx, event.resourceType === "session" ? { ...event, resourceId: sessionId } : event);
    return { token, ctx, response: () => sessionResponse(tx, user.id, orgId, token) };
  }

  async function sessionResponse(tx: Db, userId: string, orgId: string, token: string): Promise<SessionResponse> {
    // Sequential on purpose: inside a transaction all queries share one connection.
    const user = await repo.findUserById(tx, userId);
    const org = await repo.findOrganization(tx, orgId);
    const membership = await repo.findMembershipOfUser(tx, orgId, userId);
    if (!user || !org || !membership) throw unauthorized();
    return {
      user: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() },
      organization: { id: org.id, name: org.name, createdAt: org.createdAt.toISOString() },
      orgRole: membership.role,
      csrfToken: csrfTokenFor(token),
    };
  }

  /**
   * Only failed attempts count, per IP and per email: a guesser produces nothing else,
   * while people who sign in often are never locked out by their own successes.
   */
  const limiters = (ip: string, email: string) =>
    [
      [deps.loginLimits.perIp, ip],
      [deps.loginLimits.perEmail, email],
    ] as const;

  function tooManyAttempts(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AppError(
      429,
      "too_many_attempts",
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      {
        details: { retryAfterSeconds },
      },
    );
  }

  function enforceLoginLimits(ip: string, email: string) {
    for (const [limiter, key] of limiters(ip, email)) {
      const { allowed, retryAfterSeconds } = limiter.peek(key);
      if (!allowed) throw tooManyAttempts(retryAfterSeconds);
    }
  }

  function recordFailedLogin(ip: string, email: string) {
    for (const [limiter, key] of limiters(ip, email)) limiter.hit(key);
  }

  return {
    async needsSetup() {
      return (await repo.countUsers(db)) === 0;
    },

    /** First run: the first admin, their organisation, and a first project with dev, staging and prod. */
    async setup(input: SetupInput, meta: RequestMeta) {
      const passwordHash = await hash(input.password);
      return db.transaction(async (tx) => {
        if (!(await repo.claimSetup(tx)) || (await repo.countUsers(tx)) > 0) {
          throw conflict("setup_completed", "Leasehold is already set up. Sign in instead.");
        }
        const now = clock.now();
        const org = await repo.insertOrganization(tx, {
          id: randomId(),
          name: input.organizationName,
          createdAt: now,
          updatedAt: now,
        });
        const user = await repo.insertUser(tx, {
          id: randomId(),
          email: input.email,
          name: input.name,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        await repo.insertMembership(tx, {
          id: randomId(),
          orgId: org.id,
          userId: user.id,
          role: "admin",
          status: "active",
          createdAt: now,
        });
        const session = await startSession(tx, user, org.id, "admin", meta, {
          action: "org.setup",
          resourceType: "organization",
          resourceId: org.id,
          metadata: { name: org.name },
        });
        const project = await deps.projects.createInTransaction(tx, session.ctx, { name: input.projectName });
        return {
          token: session.token,
          response: {
            ...(await session.response()),
            project: { id: project.id, name: project.name, slug: project.slug },
          },
        };
      });
    },

    async login(input: LoginInput, meta: RequestMeta) {
      enforceLoginLimits(meta.ip, input.email);
      const user = await repo.findUserByEmail(db, input.email);
      let valid = false;
      if (user?.passwordHash) valid = await verify(user.passwordHash, input.password);
      else await verify(await DUMMY_HASH, input.password);
      const membership = user && valid ? await repo.findPrimaryMembership(db, user.id) : null;
      if (!user || !membership) {
        recordFailedLogin(meta.ip, input.email);
        throw unauthorized(INVALID_LOGIN, "invalid_credentials");
      }
      return db.transaction(async (tx) => {
        const session = await startSession(tx, user, membership.orgId, membership.role, meta, {
          action: "session.login",
          resourceType: "session",
        });
        return { token: session.token, response: await session.response() };
      });
    },

    async acceptInvite(input: AcceptInviteInput, meta: RequestMeta) {
      const passwordHash = await hash(input.password);
      return db.transaction(async (tx) => {
        const invite = await repo.consumeInvite(tx, hashToken(input.token), clock.now());
        if (!invite)
          throw new AppError(
            400,
            "invalid_invite",
            "This setup link is invalid, expired or already used. Ask an admin for a new one.",
          );
        await repo.activateUser(tx, invite.userId, input.name, passwordHash, clock.now());
        await repo.activateMembership(tx, invite.orgId, invite.userId);
        const user = (await repo.findUserById(tx, invite.userId))!;
        const membership = (await repo.findMembershipOfUser(tx, invite.orgId, user.id))!;
        const session = await startSession(tx, user, invite.orgId, membership.role, meta, {
          action: "member.accept-invite",
          resourceType: "member",
          resourceId: membership.id,
        });
        return { token: session.token, response: await session.response() };
      });
    },

    async logout(actor: Actor, meta: RequestMeta) {
      if (actor.type !== "user") return;
      await db.transaction(async (tx) => {
        await repo.deleteSession(tx, actor.sessionId);
        await deps.audit.record(
          tx,
          { actor, ...meta },
          { action: "session.logout", resourceType: "session", resourceId: actor.sessionId },
        );
      });
    },

    /** Resolves a session cookie to an actor, enforcing idle and absolute expiry. */
    async resolveSession(token: string): Promise<Actor | null> {
      const session = await repo.findSessionWithPerson(db, hashToken(token));
      if (!session) return null;
      const now = clock.now();
      const idleDeadline = session.lastSeenAt.getTime() + deps.sessionPolicy.idleSeconds * 1000;
      if (session.expiresAt <= now || idleDeadline <= now.getTime()) {
        await repo.deleteSession(db, session.id);
        return null;
      }
      if (!session.role || session.status !== "active") return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
        await repo.touchSession(db, session.id, now);
      return {
        type: "user",
        id: session.userId,
        orgId: session.orgId,
        orgRole: session.role,
        name: session.name,
        email: session.email,
        sessionId: session.id,
      };
    },

    async currentSession(actor: Actor, token: string) {
      if (actor.type !== "user") throw unauthorized("This route is for people signed in to the dashboard");
      return sessionResponse(db, actor.id, actor.orgId, token);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
