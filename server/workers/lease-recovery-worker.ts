import type { CoreDeps, Services } from "../services.ts";
import { LEASE_WORKER_BATCH_SIZE } from "./lease-expiry-worker.ts";
import { createLeaseWorkerLoop, type LeaseWorker } from "./lease-worker-loop.ts";

/**
 * Crash recovery: a lease still `creating` after LEASEHOLD_LEASE_RECOVERY_AFTER (5 minutes)
 * belonged to a request that died between its intent row and activation. Its IAM user (if
 * CreateUser got through) is found by name, proved ours by its lease tag, and fully cleaned
 * up; the lease ends revoked with the reason in creationError.
 */
export function createLeaseRecoveryWorker(core: CoreDeps, services: Pick<Services, "leases">): LeaseWorker {
  return createLeaseWorkerLoop({
    name: "lease-recovery",
    intervalSeconds: core.env.LEASEHOLD_LEASE_RECOVERY_INTERVAL,
    batchSize: LEASE_WORKER_BATCH_SIZE,
    logger: core.logger,
    runBatch: () => services.leases.revocation.processDue("recovery", { batchSize: LEASE_WORKER_BATCH_SIZE, concurrency: core.env.LEASEHOLD_LEASE_WORKER_CONCURRENCY }),
  });
}
