import type { Clock } from "../../context.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Worker } from "../../workers/index.ts";
import type { TokensService } from "./tokens.service.ts";

/** Dead tokens stay listed (as revoked or expired) this long, then go. */
export const DEAD_TOKEN_RETENTION_SECONDS = 7 * 24 * 3600;
const INTERVAL_MS = 60 * 60 * 1000;

/**
 * Every login adds a token row (a Lambda may log in on every cold start), so rows of
 * tokens that can never work again are deleted after a week. The audit log keeps the
 * logins themselves. Idempotent, so several instances may run it at once.
 */
export function createTokenPurgeWorker(deps: {
  tokens: Pick<TokensService, "purgeDeadBefore">;
  clock: Clock;
  logger: Logger;
}): Worker & { runOnce(): Promise<number> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function runOnce() {
    const cutoff = new Date(deps.clock.now().getTime() - DEAD_TOKEN_RETENTION_SECONDS * 1000);
    const purged = await deps.tokens.purgeDeadBefore(cutoff);
    if (purged > 0) deps.logger.info({ worker: "token-purge", purged }, "purged dead access tokens");
    return purged;
  }

  return {
    name: "token-purge",
    runOnce,
    start() {
      const tick = () => {
        running = runOnce().catch((error: unknown) =>
          deps.logger.error({ err: error, worker: "token-purge" }, "token purge failed; retrying next hour"),
        );
      };
      tick();
      timer = setInterval(tick, INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
