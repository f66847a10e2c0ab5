// The server under the login benchmark: server/index.ts's wiring (createServices,
// createApp, the same middleware) with one change, the AWS Auth login rate limits
// raised, since a benchmark is by design a flood from one address. Prints
// "listening <port>" once ready. Run by bench/login.mjs, never on its own.
import { serve } from "@hono/node-server";
import { createApp } from "../server/app.ts";
import { openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { loadEnv } from "../server/env.ts";
import { createEnvelope } from "../server/lib/crypto/envelope.ts";
import { resolveRootKeys } from "../server/lib/crypto/root-key.ts";
import { createLogger } from "../server/lib/logger.ts";
import { favourMemoryOverSpeed } from "../server/lib/memory-tuning.ts";
import { createMachineIdentityServices } from "../server/modules/identities/identities-wiring.ts";
import { createCoreDeps, createServices } from "../server/services.ts";

favourMemoryOverSpeed(); // as server/index.ts
const env = loadEnv();
const logger = createLogger({ level: env.LOG_LEVEL });
const keys = resolveRootKeys(env, logger);
const database = await openDatabase(
  env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.LEASEHOLD_DATA_DIR },
);
await runMigrations(database.db);
const core = createCoreDeps({ env, database, envelope: createEnvelope(keys.primary, keys.previous), logger });
const base = createServices(core);
const unthrottled = { perIpPerMinute: 1_000_000_000, perIdentityPerMinute: 1_000_000_000 };
const services = {
  ...base,
  ...createMachineIdentityServices({ core, ...base, serverCredentials: () => undefined, loginLimits: unthrottled }),
};
const app = createApp({ core, services });
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) =>
  console.log(`listening ${info.port}`),
);

process.on("SIGTERM", () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
