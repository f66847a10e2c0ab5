import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.ts";
import { dynamicSecretLeases as leases } from "../../../db/schema.ts";
import type { LeasePatch, LeaseRow } from "./leases.repo.ts";

/**
 * SQL for catching up after an AWS outage (docs/decisions/1103-revocation-catch-up-and-claims.md).
 * Both queries are global, like the workers' claim: the workers serve every organisation.
 */
export function createLeaseCatchUpRepo() {
  return {
    /**
     * Claims at most one probe per dynamic secret: its soonest-due lease that failed for
     * availability and is not due yet, when no lease of that secret was attempted in the last
     * `gapSeconds`. The status check in the UPDATE makes two instances' probes exclusive.
     */
    claimProbes(db: Db, q: { now: Date; gapSeconds: number; limit: number }, patch: LeasePatch): Promise<LeaseRow[]> {
      const since = new Date(q.now.getTime() - q.gapSeconds * 1000);
      const probes = db
        .selectDistinctOn([leases.dynamicSecretId], { id: leases.id })
        .from(leases)
        .where(
          and(
            eq(leases.status, "revoke_failed"),
            eq(leases.lastFailureKind, "availability"),
            gt(leases.dueAt, q.now),
            sql`not exists (select 1 from ${leases} as tried where tried.dynamic_secret_id = ${leases.dynamicSecretId}
              and tried.status in ('revoke_failed', 'revoking') and tried.updated_at > ${since})`,
          ),
        )
        .orderBy(asc(leases.dynamicSecretId), asc(leases.dueAt))
        .limit(q.limit);
      return db
        .update(leases)
        .set({ ...patch, version: sql`${leases.version} + 1` })
        .where(and(inArray(leases.id, probes), eq(leases.status, "revoke_failed")))
        .returning();
    },

    /**
     * AWS answered for this dynamic secret: its leases waiting out an availability backoff are due
     * now. A CTE (`caught`) of the statement that settles the lease AWS answered for, under `when`.
     */
    dueNowWith: (db: Db, dynamicSecretId: string, now: Date, when: SQL) =>
      db.$with("caught").as(
        db
          .update(leases)
          .set({ dueAt: now, nextAttemptAt: now })
          .where(
            and(
              eq(leases.dynamicSecretId, dynamicSecretId),
              eq(leases.status, "revoke_failed"),
              eq(leases.lastFailureKind, "availability"),
              gt(leases.dueAt, now),
              when,
            ),
          )
          .returning({ id: leases.id }),
      ),
  };
}
