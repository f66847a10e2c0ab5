import { and, count, desc, eq, inArray, isNotNull, lt, min } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { dynamicSecretLeases as leases } from "../../../db/schema.ts";

/** Statuses of a lease whose credentials may still work: past its expiry, it is an overdue revocation. */
const UNREVOKED = ["active", "revoking", "revoke_failed"] as const;
const LIVE = ["creating", ...UNREVOKED] as const;

/** SQL for the health of the lease machinery: metrics and the dashboard's overdue banner. */
export function createLeaseHealthRepo() {
  return {
    /** Live leases by dynamic secret and status (ended ones are history, not health). */
    countLiveByStatus: (db: Db) =>
      db
        .select({ dynamicSecretId: leases.dynamicSecretId, status: leases.status, count: count() })
        .from(leases)
        .where(inArray(leases.status, [...LIVE]))
        .groupBy(leases.dynamicSecretId, leases.status),

    /**
     * Leases whose expiry passed before `expiredBefore` and that are not revoked yet: how
     * many, since when the oldest has waited, and the most recent AWS error among them.
     * Across every org when `orgId` is null (metrics), else one org's (the banner).
     */
    async overdue(db: Db, q: { expiredBefore: Date; orgId: string | null }) {
      const where = and(
        inArray(leases.status, [...UNREVOKED]),
        lt(leases.expireAt, q.expiredBefore),
        q.orgId ? eq(leases.orgId, q.orgId) : undefined,
      );
      const [summary] = await db
        .select({ count: count(), oldest: min(leases.expireAt) })
        .from(leases)
        .where(where);
      if (!summary || summary.count === 0) return { count: 0, oldestExpiredAt: null, lastError: null };
      const [latest] = await db
        .select({ lastError: leases.lastError, at: leases.updatedAt })
        .from(leases)
        .where(and(where, isNotNull(leases.lastError)))
        .orderBy(desc(leases.updatedAt))
        .limit(1);
      return {
        count: summary.count,
        oldestExpiredAt: summary.oldest ? new Date(summary.oldest) : null,
        lastError: latest ? { message: latest.lastError!, at: latest.at } : null,
      };
    },
  };
}
export type LeaseHealthRepo = ReturnType<typeof createLeaseHealthRepo>;
