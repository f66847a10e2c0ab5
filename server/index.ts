import path from "node:path";
import { inspect } from "node:util";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { openDatabase } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { EnvError, loadEnv } from "./env.ts";
import { createEnvelope } from "./lib/crypto/envelope.ts";
import { RootKeyError, resolveRootKeys } from "./lib/crypto/root-key.ts";
import { createLogger } from "./lib/logger.ts";
import { favourMemoryOverSpeed } from "./lib/memory-tuning.ts";
import { createCoreDeps, createServices } from "./services.ts";
import { createWorkers } from "./workers/index.ts";

/** Start-up order: environment → database → migrations → app → listen. */
async function main() {
  favourMemoryOverSpeed();
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  const keys = resolveRootKeys(env, logger);
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.LEASEHOLD_DATA_DIR },
  );
  const { applied } = await runMigrations(database.db);
  logger.info({ database: database.kind, applied }, "database ready");

  const core = createCoreDeps({ env, database, envelope: createEnvelope(keys.primary, keys.previous), logger });
  const services = createServices(core);
  const app = createApp({ core, services, webDir: path.resolve("dist/web") });
  const workers = createWorkers(core, services);

  const server: ServerType = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port, url: `http://localhost:${info.port}` }, "Leasehold is listening");
    workers.start();
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, env.LEASEHOLD_SHUTDOWN_TIMEOUT * 1000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workers.stop();
    await database.close();
    logger.info("stopped");
    logger.flush(() => process.exit(0));
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

// Plain stderr, not pino: the logger may not exist yet, since the environment configures it.
main().catch((error) => {
  if (error instanceof EnvError || error instanceof RootKeyError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Leasehold failed to start: ${inspect(error)}\n`);
  }
  process.exit(1);
});
