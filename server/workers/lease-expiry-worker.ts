import type { CoreDeps, Services } from "../services.ts";
import { createLeaseWorkerLoop, type LeaseWorker } from "./lease-worker-loop.ts";

export const LEASE_WORKER_BATCH_SIZE = 50;

/**
 * Revokes leases that are due: active ones past expiry, revoke_failed ones whose retry time
 * came (exponential backoff with jitter, 10 s to 1 h, for ever), and revoking ones whose
 * claim timed out because the instance holding them died.
 */
export function createLeaseExpiryWorker(core: CoreDeps, services: Pick<Services, "leases">): LeaseWorker {
  return createLeaseWorkerLoop({
    name: "lease-expiry",
    intervalSeconds: core.env.LEASEHOLD_LEASE_EXPIRY_INTERVAL,
    batchSize: LEASE_WORKER_BATCH_SIZE,
    logger: core.logger,
    runBatch: () => services.leases.revocation.processDue("expiry", { batchSize: LEASE_WORKER_BATCH_SIZE, concurrency: core.env.LEASEHOLD_LEASE_WORKER_CONCURRENCY }),
  });
}
