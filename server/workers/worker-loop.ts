import type { Logger } from "../lib/logger.ts";
import type { Worker } from "./index.ts";

export interface LoopWorker extends Worker {
  /**
   * Runs batches until one comes back short (nothing more is due); returns how many items it handled.
   * For tests and benchmarks.
   */
  drain(): Promise<number>;
}

/**
 * The loop every background worker shares: every `intervalSeconds`, run batches until one
 * comes back short of `batchSize` (a job without batches, such as a purge, returns 0 or
 * sets no batch size and runs once per tick). It keeps nothing in memory between ticks
 * (the database is the queue), so a restart is instant, and several instances can run it
 * at once (lease claims use SKIP LOCKED; purges are idempotent).
 */
export function createWorkerLoop(options: {
  name: string;
  intervalSeconds: number;
  /** When absent, one batch per tick. */
  batchSize?: number;
  logger: Logger;
  /** `more`: run another batch at once even if this one was short (work was just made due). */
  runBatch: () => Promise<{ handled: number; failed?: number; more?: boolean }>;
}): LoopWorker {
  const { name, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopping = false;

  async function drain(): Promise<number> {
    let total = 0;
    while (!stopping) {
      const { handled, failed = 0, more = false } = await options.runBatch();
      total += handled;
      if (handled > 0) logger.info({ worker: name, handled, failed }, "worker batch");
      if (!more && (options.batchSize === undefined || handled < options.batchSize)) break;
    }
    return total;
  }

  function schedule(delayMs: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      running = drain().catch((error: unknown) => {
        logger.error({ err: error, worker: name }, "worker tick failed; retrying next interval");
        return 0;
      });
      void running.finally(() => {
        running = undefined;
        schedule(options.intervalSeconds * 1000);
      });
    }, delayMs);
    timer.unref();
  }

  return {
    name,
    start: () => {
      stopping = false;
      schedule(0);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
    drain,
  };
}
