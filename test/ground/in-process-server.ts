import { randomBytes, randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { authRoutes } from "#client/core/routes/auth.ts";
import { createApp } from "../../server/app.ts";
import type { Clock } from "../../server/context.ts";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { runMigrations } from "../../server/db/migrate.ts";
import { organizations, orgMemberships, users } from "../../server/db/schema.ts";
import { loadEnv } from "../../server/env.ts";
import { createEnvelope } from "../../server/lib/crypto/envelope.ts";
import { createLogger } from "../../server/lib/logger.ts";
import { type CoreDeps, createCoreDeps, createServices, type ServiceOverrides } from "../../server/services.ts";
import { createApiClient } from "./api-client.ts";
import { getTestGround } from "./index.ts";
import { createDatabase } from "./postgres.ts";

export { createApiClient };

/** A clock tests move by hand, so TTL rules are tested without sleeping. */
export function createTestClock(start = new Date("2026-01-01T00:00:00Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
    set(date: Date) {
      now = date.getTime();
    },
  } satisfies Clock & Record<string, unknown>;
}

export const TEST_PASSWORD = "correct horse battery staple";

/**
 * A real Leasehold app on a fresh database of the suite's kind (PGlite in memory, or a new
 * PostgreSQL database), talking to the run's moto over HTTP. Every log line is captured in
 * `logs` so tests can assert that no secret was ever logged.
 */
export async function createTestServer(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    /**
     * A second instance of the same cluster: on PostgreSQL its own pool to the other's
     * database; on PGlite (embedded, one process) the very same handle.
     */
    sameDatabaseAs?: { database: Database; databaseUrl: string | null; core: Pick<CoreDeps, "envelope"> };
    /** Replaces built-in services' parts (a fake dynamic-secret provider). */
    overrides?: ServiceOverrides;
  } = {},
) {
  const ground = getTestGround();
  const shared = options.sameDatabaseAs;
  const databaseUrl =
    ground.dbKind === "postgres" ? (shared?.databaseUrl ?? (await createDatabase(ground.postgresAdminUrl!))) : null;
  const database = databaseUrl
    ? await openDatabase({ kind: "postgres", url: databaseUrl, maxConnections: 10 })
    : (shared?.database ?? (await openDatabase({ kind: "pglite", dataDir: null })));
  await runMigrations(database.db);

  const env = loadEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: ground.motoUrl,
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger({ level: env.LOG_LEVEL, destination: { write: (line: string) => void logs.push(line) } });
  const core = createCoreDeps({
    env,
    database,
    envelope: shared?.core.envelope ?? createEnvelope(randomBytes(32)),
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const services = createServices(core, options.overrides);
  const app = createApp({ core, services });

  /** Completes first-run setup and returns a signed-in client for the first admin. */
  async function setupFirstAdmin(
    input: Partial<{ email: string; name: string; organizationName: string; projectName: string }> = {},
  ) {
    const client = createApiClient(app);
    const res = await client.send(authRoutes.setup, {
      body: {
        name: input.name ?? "Ada Admin",
        email: input.email ?? `admin-${randomUUID().slice(0, 8)}@example.com`,
        password: TEST_PASSWORD,
        organizationName: input.organizationName ?? "Acme",
        projectName: input.projectName ?? "Payments",
      },
    });
    if (res.status !== 200) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { client, session: res.body as SetupBody };
  }

  /** A second, unrelated organisation with its own admin (there is no public route for this). */
  async function createOtherOrgAdmin(orgName = "Other Org") {
    const now = core.clock.now();
    const email = `other-${randomUUID().slice(0, 8)}@example.com`;
    const orgId = randomUUID();
    const userId = randomUUID();
    await database.db.insert(organizations).values({ id: orgId, name: orgName, createdAt: now, updatedAt: now });
    await database.db.insert(users).values({
      id: userId,
      email,
      name: "Other Admin",
      passwordHash: await hash(TEST_PASSWORD),
      createdAt: now,
      updatedAt: now,
    });
    await database.db
      .insert(orgMemberships)
      .values({ id: randomUUID(), orgId, userId, role: "admin", status: "active", createdAt: now });
    const client = createApiClient(app);
    const res = await client.send(authRoutes.login, { body: { email, password: TEST_PASSWORD } });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    return { client, orgId, userId, email };
  }

  return {
    app,
    core,
    services,
    database,
    databaseUrl,
    logs,
    setupFirstAdmin,
    createOtherOrgAdmin,
    client: () => createApiClient(app),
    // A PGlite handle borrowed from another instance is closed by its owner.
    close: () => (shared && !databaseUrl ? Promise.resolve() : database.close()),
  };
}
export type TestServer = Awaited<ReturnType<typeof createTestServer>>;

export interface SetupBody {
  user: { id: string; email: string; name: string };
  organization: { id: string; name: string };
  orgRole: "admin" | "member";
  csrfToken: string;
  project: { id: string; name: string; slug: string };
}
