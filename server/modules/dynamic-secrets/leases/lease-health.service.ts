import type { LeaseHealth } from "#shared/schemas/leases.ts";
import type { Clock, RequestContext } from "../../../context.ts";
import type { Db } from "../../../db/client.ts";
import { type Metrics, registerLeaseGauges } from "../../../lib/metrics/metrics.ts";
import type { Access } from "../../access/access.ts";
import type { LeaseHealthRepo } from "./lease-health.repo.ts";

/**
 * A due revocation runs within seconds (the expiry worker ticks every 10 s); one still
 * waiting a minute after expiry is overdue, which is what the banner reports.
 */
const OVERDUE_AFTER_SECONDS = 60;

/** How the revocations are doing: the dashboard banner for org admins, and the lease gauges of /metrics. */
export function createLeaseHealthService(deps: {
  db: Db;
  repo: LeaseHealthRepo;
  access: Access;
  clock: Clock;
  metrics: Metrics;
}) {
  const { db, repo, clock } = deps;
  registerLeaseGauges(
    deps.metrics,
    {
      countByStatus: () => repo.countLiveByStatus(db),
      oldestOverdueSince: async () =>
        (await repo.overdue(db, { expiredBefore: clock.now(), orgId: null })).oldestExpiredAt,
    },
    () => clock.now(),
  );

  return {
    async forOrg(ctx: RequestContext, orgId: string): Promise<LeaseHealth> {
      deps.access.requireOrg(ctx.actor, orgId, "lease-health.read");
      const expiredBefore = new Date(clock.now().getTime() - OVERDUE_AFTER_SECONDS * 1000);
      const overdue = await repo.overdue(db, { expiredBefore, orgId });
      return {
        overdueRevocations: {
          count: overdue.count,
          oldestExpiredAt: overdue.oldestExpiredAt?.toISOString() ?? null,
          lastError: overdue.lastError
            ? { message: overdue.lastError.message, at: overdue.lastError.at.toISOString() }
            : null,
        },
      };
    },
  };
}
export type LeaseHealthService = ReturnType<typeof createLeaseHealthService>;
