import type { CoreDeps, Services } from "../services.ts";
import { createWorkerLoop, type LoopWorker } from "./worker-loop.ts";

/** Dead tokens stay listed (as revoked or expired) this long, then go. */
const DEAD_TOKEN_RETENTION_SECONDS = 7 * 24 * 3600;
const TOKEN_PURGE_INTERVAL_SECONDS = 60 * 60;
/** Used login signatures are useless 20 minutes after they were made; a few minutes late is harmless. */
const SIGNATURE_PURGE_INTERVAL_SECONDS = 5 * 60;

/**
 * Every login adds a token row (a Lambda may log in on every cold start), so rows of
 * tokens that can never work again are deleted after a week. The audit log keeps the
 * logins themselves. Idempotent, so several instances may run it at once.
 */
export function createTokenPurgeWorker(
  core: Pick<CoreDeps, "clock" | "logger">,
  services: { tokens: Pick<Services["tokens"], "purgeDeadBefore"> },
): LoopWorker {
  return createWorkerLoop({
    name: "token-purge",
    intervalSeconds: TOKEN_PURGE_INTERVAL_SECONDS,
    logger: core.logger,
    runBatch: async () => {
      const cutoff = new Date(core.clock.now().getTime() - DEAD_TOKEN_RETENTION_SECONDS * 1000);
      return { handled: await services.tokens.purgeDeadBefore(cutoff) };
    },
  });
}

/** Forgets one-time login signatures once the freshness window refuses them anyway. Idempotent. */
export function createUsedSignaturePurgeWorker(
  core: Pick<CoreDeps, "logger">,
  services: { awsAuthLogin: Pick<Services["awsAuthLogin"], "purgeUsedSignatures"> },
): LoopWorker {
  return createWorkerLoop({
    name: "used-signature-purge",
    intervalSeconds: SIGNATURE_PURGE_INTERVAL_SECONDS,
    logger: core.logger,
    runBatch: async () => ({ handled: await services.awsAuthLogin.purgeUsedSignatures() }),
  });
}
