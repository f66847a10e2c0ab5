import type { DueKind } from "../modules/dynamic-secrets/leases/lease-revocation.ts";
import type { CoreDeps, Services } from "../services.ts";
import { createWorkerLoop, type LoopWorker } from "./worker-loop.ts";

const LEASE_WORKER_BATCH_SIZE = 50;

const WORKERS: Record<DueKind, { name: string; intervalSeconds: (env: CoreDeps["env"]) => number }> = {
  /**
   * Revokes leases that are due: active ones past expiry, revoke_failed ones whose retry time
   * came (docs/decisions/1301-revocation-retry-policy.md), and revoking ones whose
   * claim timed out because the instance holding them died.
   */
  expiry: { name: "lease-expiry", intervalSeconds: (env) => env.LEASEHOLD_LEASE_EXPIRY_INTERVAL },
  /**
   * Crash recovery: a lease still `creating` after LEASEHOLD_LEASE_RECOVERY_AFTER (5 minutes)
   * belonged to a request that died between its intent row and activation. Its IAM user (if
   * CreateUser got through) is found by name, proved ours by its lease tag, and fully cleaned
   * up; the lease ends revoked with the reason in creationError.
   */
  recovery: { name: "lease-recovery", intervalSeconds: (env) => env.LEASEHOLD_LEASE_RECOVERY_INTERVAL },
};

export function createLeaseWorker(core: CoreDeps, services: Pick<Services, "leases">, kind: DueKind): LoopWorker {
  const worker = WORKERS[kind];
  return createWorkerLoop({
    name: worker.name,
    intervalSeconds: worker.intervalSeconds(core.env),
    batchSize: LEASE_WORKER_BATCH_SIZE,
    logger: core.logger,
    runBatch: async () => {
      const { claimed, failed, more } = await services.leases.revocation.processDue(kind, {
        batchSize: LEASE_WORKER_BATCH_SIZE,
        concurrency: core.env.LEASEHOLD_LEASE_WORKER_CONCURRENCY,
      });
      return { handled: claimed, failed, more };
    },
  });
}
