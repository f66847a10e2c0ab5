import type { Clock } from "../../../context.ts";
import type { Db } from "../../../db/client.ts";
import type { Logger } from "../../../lib/logger.ts";
import type { ClaimedStatus, LeaseRow, LeasesRepo } from "./leases.repo.ts";

/**
 * How often work in progress on a lease renews its claim (decision 1103). Far below the claim timeout (at least
 * 90 s), so a slow AWS never lets a second instance start the same work; one indexed UPDATE per lease in flight
 * every 2 s.
 */
export const CLAIM_HEARTBEAT_MS = 2000;

/**
 * Keeps a lease's claim alive while this instance works on it: a create (`creating`, which the recovery worker would
 * otherwise take for interrupted) or a cleanup (`revoking`, which another instance would otherwise take over). The
 * claim holds only while the row keeps the version and status it had when claimed, so a lease force-revoked or taken
 * over meanwhile is never extended.
 */
export function createClaimHeartbeat(deps: {
  db: Db;
  repo: LeasesRepo;
  clock: Clock;
  logger: Logger;
  timeoutSeconds: number;
}) {
  const { db, repo, clock, logger, timeoutSeconds } = deps;

  /** Renews `lease`'s claim every CLAIM_HEARTBEAT_MS until the returned function is called or the claim is lost. */
  return function keepClaimAlive(lease: LeaseRow, status: ClaimedStatus): () => void {
    let released = false;
    const timer = setInterval(() => {
      repo
        .extendClaim(db, lease, status, new Date(clock.now().getTime() + timeoutSeconds * 1000))
        .then((held) => {
          // After release the settle has moved the version on: not a lost claim.
          if (held || released) return;
          clearInterval(timer);
          logger.warn(
            { leaseId: lease.id, status },
            "lease claim lost while working on it (force-revoked or taken over)",
          );
        })
        .catch((error: unknown) => logger.warn({ err: error, leaseId: lease.id }, "lease claim heartbeat failed"));
    }, CLAIM_HEARTBEAT_MS);
    timer.unref();
    return () => {
      released = true;
      clearInterval(timer);
    };
  };
}
