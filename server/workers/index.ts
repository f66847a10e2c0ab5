import type { CoreDeps, Services } from "../services.ts";
import { createLeaseWorker } from "./lease-workers.ts";
import { createTokenPurgeWorker, createUsedSignaturePurgeWorker } from "./purge-workers.ts";

/** A background job: started after the server listens, stopped before the database closes. */
export interface Worker {
  name: string;
  start(): void;
  /** Resolves once the current iteration (if any) has finished. */
  stop(): Promise<void>;
}

export function createWorkers(core: CoreDeps, services: Services) {
  const workers: Worker[] = [
    createLeaseWorker(core, services, "expiry"),
    createLeaseWorker(core, services, "recovery"),
    createTokenPurgeWorker(core, services),
    createUsedSignaturePurgeWorker(core, services),
  ];
  return {
    workers,
    start: () => {
      for (const w of workers) w.start();
    },
    stop: () => Promise.all(workers.map((w) => w.stop())).then(() => undefined),
  };
}
