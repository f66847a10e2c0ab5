import { formatDurationForApi } from "#shared/durations.ts";
import type { ProjectAction } from "#shared/permissions.ts";
import type { SecretLocation } from "#shared/schemas/dynamic-secrets.ts";
import { type CreateLeaseInput, LIVE_LEASE_STATUSES } from "#shared/schemas/leases.ts";
import type { AuditContext, RequestContext } from "../../../context.ts";
import { settleWithConcurrency } from "../../../lib/bounded-concurrency.ts";
import { AppError, conflict, fieldError } from "../../../lib/http/errors.ts";
import type { DynamicSecretRow } from "../dynamic-secrets.repo.ts";
import { createLeaseCreation, TTL_ABOVE_MAX } from "./lease-creation.ts";
import { createLeaseRevocation, type LeaseMachineryDeps } from "./lease-revocation.ts";
import { decodeCursor, encodeCursor, toLease } from "./lease-view.ts";
import type { LeaseRow } from "./leases.repo.ts";

const RENEW_ATTEMPTS = 5;

/**
 * A lease that cannot be used any more is a 404 "Dynamic secret lease with ID … ", as in Infisical,
 * which deletes it.
 */
function leaseGone(leaseId: string, what: string, code: string) {
  return new AppError(404, code, `Dynamic secret lease with ID '${leaseId}' ${what}`);
}
const REVOKE_ALL_AT_ONCE = 10;

export function createLeasesService(
  deps: LeaseMachineryDeps & {
    randomId: () => string;
    random?: () => number;
    quotaPerSecret: number;
    recoveryAfterSeconds: number;
  },
) {
  const { db, repo, lookup, providers, audit, clock } = deps;
  const revocation = createLeaseRevocation({
    ...deps,
    random: deps.random ?? Math.random,
    claimTimeoutSeconds: deps.recoveryAfterSeconds,
  });
  const createLease = createLeaseCreation({ ...deps, revocation });

  /**
   * A lease addressed by ID and location: the actor must hold `action` on the project, and the
   * lease must belong to a secret at that location. Anything else is the same 404.
   */
  async function leaseAt(ctx: RequestContext, leaseId: string, loc: SecretLocation, action: ProjectAction) {
    const where = await lookup.location(ctx.actor, loc, action);
    const { lease, secret } = (await repo.findWithSecret(db, ctx.actor.orgId, leaseId)) ?? {};
    if (
      !lease ||
      !secret ||
      secret.projectId !== where.project.id ||
      secret.environmentId !== where.environment.id ||
      secret.folderPath !== where.path
    ) {
      throw leaseGone(leaseId, "not found", "not_found");
    }
    return { lease, secret };
  }

  async function renew(ctx: RequestContext, leaseId: string, input: SecretLocation & { ttl?: number | undefined }) {
    let { lease, secret } = await leaseAt(ctx, leaseId, input, "leases.manage");
    for (let attempt = 0; attempt < RENEW_ATTEMPTS; attempt++) {
      const now = clock.now();
      if (lease.status !== "active")
        throw leaseGone(
          leaseId,
          `is ${lease.status.replace("_", " ")}: only active leases can be renewed; create a new one`,
          "lease_not_active",
        );
      if (lease.expireAt <= now)
        throw leaseGone(leaseId, "has expired and is being revoked; create a new one", "lease_expired");
      const refusal = providers(lookup.config(secret)).renewRefusal;
      if (refusal)
        throw new AppError(400, "lease_not_renewable", `Dynamic secret lease with ID '${leaseId}' ${refusal}`);
      const ttl = input.ttl ?? secret.defaultTtlSeconds;
      const expireAt = new Date(lease.expireAt.getTime() + ttl * 1000);
      if (secret.maxTtlSeconds !== null) {
        const cap = new Date(lease.createdAt.getTime() + secret.maxTtlSeconds * 1000);
        if (expireAt > cap) {
          const remaining = Math.max(0, Math.floor((cap.getTime() - lease.expireAt.getTime()) / 1000));
          throw fieldError(
            ["ttl"],
            `${TTL_ABOVE_MAX}: renewing by ${formatDurationForApi(ttl)} ` +
              `would end the lease at ${expireAt.toISOString()}, ` +
              `past its max TTL (${formatDurationForApi(secret.maxTtlSeconds)} from creation, ${cap.toISOString()}). ` +
              (remaining >= 1
                ? `At most ${formatDurationForApi(remaining)} can be added.`
                : "It cannot be renewed any further."),
            "ttl_above_max",
          );
        }
      }
      const renewed = await db.transaction(async (tx) => {
        // Optimistic concurrency: a concurrent renew or revoke bumped the version, so re-read and recompute.
        const row = await repo.transition(
          tx,
          lease.orgId,
          lease.id,
          { version: lease.version, from: ["active"] },
          { expireAt, dueAt: expireAt, updatedAt: now },
        );
        if (row) {
          await audit.record(tx, ctx, {
            action: "lease.renew",
            resourceType: "dynamic-secret-lease",
            resourceId: row.id,
            projectId: row.projectId,
            metadata: {
              dynamicSecretId: row.dynamicSecretId,
              username: row.username,
              from: lease.expireAt.toISOString(),
              to: expireAt.toISOString(),
            },
          });
        }
        return row;
      });
      if (renewed) return toLease(renewed);
      ({ lease, secret } = await leaseAt(ctx, leaseId, input, "leases.manage"));
    }
    throw conflict("lease_busy", "The lease kept changing while it was being renewed; try again");
  }

  async function revoke(ctx: RequestContext, leaseId: string, input: SecretLocation & { isForced: boolean }) {
    const { lease, secret } = await leaseAt(
      ctx,
      leaseId,
      input,
      input.isForced ? "leases.force-revoke" : "leases.manage",
    );
    if (input.isForced) return toLease((await revocation.forceRevoke(ctx, lease)).lease);
    const result = await revocation.revokeNow(ctx, lease, lookup.config(secret));
    if (result.error) {
      const e = result.error;
      throw new AppError(
        e.status,
        e.code,
        `${e.message} The lease is now revoke_failed; Leasehold retries the cleanup on its own.`,
        {
          ...e.extra,
          details: { ...e.extra.details, leaseId, leaseStatus: result.lease.status },
        },
      );
    }
    return toLease(result.lease);
  }

  /**
   * Revokes every live lease of a secret through the same machinery, for its deletion.
   * `remaining`: leases that still hold (or may hold) credentials at AWS; `unconfirmed`: leases
   * force-revoked without confirmed AWS cleanup (isForced).
   */
  async function revokeAllOf(ctx: AuditContext, secret: DynamicSecretRow, options: { isForced: boolean }) {
    const remaining: LeaseRow[] = [];
    const unconfirmed: LeaseRow[] = [];
    const seen = new Set<string>();
    for (;;) {
      const pending = (await repo.listLive(db, secret.orgId, secret.id, 200)).filter((l) => !seen.has(l.id));
      if (pending.length === 0) return { remaining, unconfirmed };
      const results = await settleWithConcurrency(pending, REVOKE_ALL_AT_ONCE, async (lease): Promise<LeaseRow> => {
        seen.add(lease.id);
        if (options.isForced && lease.status !== "creating") {
          const forced = await revocation.forceRevoke(ctx, lease);
          if (!forced.cleanupConfirmed) unconfirmed.push(forced.lease);
          return forced.lease;
        }
        if (lease.status === "active" || lease.status === "revoke_failed")
          return (await revocation.revokeNow(ctx, lease)).lease;
        return lease; // being created, or revoked elsewhere right now: not ours to finish
      });
      results.forEach((r, i) => {
        const after = r.status === "fulfilled" ? r.value : pending[i]!;
        if ((LIVE_LEASE_STATUSES as readonly string[]).includes(after.status)) remaining.push(after);
      });
    }
  }

  return {
    revocation,
    create: (ctx: RequestContext, input: CreateLeaseInput) => createLease(ctx, input),
    renew,
    revoke,
    async get(ctx: RequestContext, leaseId: string, loc: SecretLocation) {
      return toLease((await leaseAt(ctx, leaseId, loc, "leases.read")).lease);
    },
    async list(
      ctx: RequestContext,
      name: string,
      query: SecretLocation & { status: "active" | "all"; limit: number; cursor?: string | undefined },
    ) {
      const { row } = await lookup.find(ctx.actor, query, name, "leases.read");
      const rows = await repo.listForSecret(db, row.orgId, row.id, {
        liveOnly: query.status === "active",
        limit: query.limit + 1,
        after: decodeCursor(query.cursor),
      });
      const page = rows.slice(0, query.limit);
      return {
        leases: page.map(toLease),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
      };
    },
    /** What the dynamic secrets module needs from leases (wired in services.ts). */
    forDynamicSecrets: {
      countLive: (orgId: string, secretIds: string[]) => repo.countLiveBySecret(db, orgId, secretIds),
      revokeAllOf,
      liveLeaseIds: async (ids: string[]) => new Set((await repo.findLiveByIds(db, ids)).map((r) => r.id)),
    },
  };
}
export type LeasesService = ReturnType<typeof createLeasesService>;
export type LeasesForDynamicSecrets = LeasesService["forDynamicSecrets"];
