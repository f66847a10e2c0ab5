import type { Logger } from "../lib/logger.ts";
import type { Worker } from "./index.ts";

export interface LeaseWorker extends Worker {
  /** Runs batches until one comes back short (nothing more is due); returns how many leases it claimed. For tests and benchmarks. */
  drain(): Promise<number>;
}

/**
 * The loop both lease workers share: every `intervalSeconds`, claim and process batches
 * until a batch comes back short. It keeps no lease in memory between ticks (the database
 * is the queue), so a restart with a million leases is instant, and several instances can
 * run it at once (claims use SKIP LOCKED).
 */
export function createLeaseWorkerLoop(options: {
  name: string;
  intervalSeconds: number;
  batchSize: number;
  logger: Logger;
  runBatch: () => Promise<{ claimed: number; failed: number }>;
}): LeaseWorker {
  const { name, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopping = false;

  async function drain(): Promise<number> {
    let total = 0;
    while (!stopping) {
      const { claimed, failed } = await options.runBatch();
      total += claimed;
      if (claimed > 0) logger.info({ worker: name, claimed, failed }, "lease worker batch");
      if (claimed < options.batchSize) break;
    }
    return total;
  }

  function schedule(delayMs: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      running = drain().catch((error: unknown) => {
        logger.error({ err: error, worker: name }, "lease worker tick failed; retrying next interval");
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
