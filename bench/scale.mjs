// `npm run bench:scale`: Leasehold on PostgreSQL with 1,000,000 lease rows (one dynamic
// secret, 90 days of history: mostly revoked and expired, some active, some due now).
//   - the lease list page (active and all, first page and a deep page): p95 ≤ 50 ms;
//   - the expiry worker's due-lease claim (SELECT … FOR UPDATE SKIP LOCKED): p95 ≤ 50 ms,
//     with EXPLAIN showing it uses the due-time index;
//   - the server ready after a restart (process start to /api/ready): ≤ 2 s.
// Exits non-zero over target.   BENCH_LEASES (default 1000000), BENCH_RUNS (default 200)
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { authRoutes } from "../client/core/routes/auth.ts";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "../client/core/routes/leases.ts";
import { createApp } from "../server/app.ts";
import { openDatabase, queryRows } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { loadEnv } from "../server/env.ts";
import { createEnvelope } from "../server/lib/crypto/envelope.ts";
import { createLogger } from "../server/lib/logger.ts";
import { createLeasesRepo } from "../server/modules/dynamic-secrets/leases/leases.repo.ts";
import { createCoreDeps, createServices } from "../server/services.ts";
import { createApiClient } from "../test/ground/api-client.ts";
import { startMoto } from "../test/ground/moto.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import { startServer } from "../test/ground/server-process.ts";

const LEASES = Number(process.env.BENCH_LEASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGETS = { listP95: 50, claimP95: 50, readySeconds: 2 };

const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
const fixed = (n, digits = 1) => n.toFixed(digits);
const ROLLBACK = new Error("rollback");

async function timeRuns(run) {
  for (let i = 0; i < 10; i++) await run(); // warm the plan and the buffer cache
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

/**
 * LEASES rows for one secret over 90 days: 1 % due now (active, expired a minute ago),
 * 4 % active, the rest revoked or expired. Written by PostgreSQL itself (generate_series).
 */
async function seed(db, { orgId, projectId, secretId, now }) {
  const started = performance.now();
  await db.execute(sql`
    insert into dynamic_secret_leases (id, org_id, project_id, dynamic_secret_id, status, username, expire_at, due_at,
      version, created_by_type, created_by_id, created_by_name, revoked_at, revoked_by_type, revoked_by_name,
      created_at, updated_at)
    select gen_random_uuid(), ${orgId}, ${projectId}, ${secretId},
      case when i % 100 = 0 then 'active' when i % 25 = 0 then 'active'
        when i % 2 = 0 then 'expired' else 'revoked' end,
      'bench-' || i,
      case when i % 100 = 0 then ${now}::timestamptz - interval '1 minute' else created + interval '1 hour' end,
      case when i % 100 = 0 then ${now}::timestamptz - interval '1 minute'
        when i % 25 = 0 then ${now}::timestamptz + interval '1 hour' end,
      2, 'identity', null, 'ci-runner',
      case when i % 25 = 0 then null else created + interval '1 hour' end,
      case when i % 25 = 0 then null else 'system' end,
      case when i % 25 = 0 then null else 'lease expiry worker' end,
      created, created
    from (
      select i, ${now}::timestamptz - (interval '90 days' * (${LEASES} - i)::double precision / ${LEASES}) as created
      from generate_series(1, ${LEASES}) as i
    ) as rows`);
  // Active leases expire in the future: their expiry is in due_at already; fix expire_at to match.
  await db.execute(
    sql`update dynamic_secret_leases set expire_at = due_at where status = 'active' and due_at > ${now}::timestamptz`,
  );
  await db.execute(sql`analyze dynamic_secret_leases`);
  return (performance.now() - started) / 1000;
}

const cluster = await startPostgresCluster();
const moto = await startMoto();
let ok = true;
try {
  const url = await createDatabase(cluster.adminUrl);
  const rootKey = randomBytes(32);
  const database = await openDatabase({ kind: "postgres", url });
  await runMigrations(database.db);
  const env = loadEnv({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    DATABASE_URL: url,
    AWS_ENDPOINT_URL: moto.url,
    AWS_REGION: "us-east-1",
  });
  const core = createCoreDeps({
    env,
    database,
    envelope: createEnvelope(rootKey),
    logger: createLogger({ level: "silent" }),
  });
  const client = createApiClient(createApp({ core, services: createServices(core) }));
  const setup = await client.send(authRoutes.setup, {
    body: {
      name: "Bench",
      email: `bench-${randomUUID().slice(0, 8)}@example.com`,
      password: "correct horse battery staple",
      organizationName: "Bench",
      projectName: "Bench",
    },
  });
  if (setup.status !== 200) throw new Error(`setup: ${setup.text}`);
  const location = { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" };
  const created = await client.send(dynamicSecretRoutes.create, {
    body: {
      ...location,
      name: "fleet",
      defaultTTL: "1h",
      provider: {
        type: "aws-iam",
        inputs: {
          method: "access-key",
          accessKey: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
          secretAccessKey: randomBytes(30).toString("base64url").slice(0, 40),
          region: "us-east-1",
          awsPath: "/bench/",
        },
      },
    },
  });
  if (created.status !== 200) throw new Error(`dynamic secret: ${created.text}`);
  const secret = created.body.dynamicSecret;
  const now = new Date();
  const seconds = await seed(database.db, {
    orgId: setup.body.organization.id,
    projectId: secret.projectId,
    secretId: secret.id,
    now: now.toISOString(),
  });
  const [{ rows }] = await queryRows(database.db, sql`select count(*)::int as rows from dynamic_secret_leases`).then(
    (r) => [r[0]],
  );
  console.log(
    `\nbench:scale on PostgreSQL: ${rows.toLocaleString("en")} lease rows in one dynamic secret ` +
      `(seeded in ${fixed(seconds)} s), ${RUNS} runs each\n`,
  );

  // The lease list, as the dashboard and the API ask for it.
  const list = (query) =>
    client.send(leaseRoutes.list, { params: { name: "fleet" }, query: { ...location, limit: 50, ...query } });
  let pageCursor = "";
  for (let page = 1; page <= 51; page++) {
    const res = await list({ status: "all", cursor: pageCursor || undefined });
    pageCursor = res.body.nextCursor;
  }
  const listings = {
    "list, active leases, first page": { status: "active" },
    "list, all leases, first page": { status: "all" },
    "list, all leases, page 52 (cursor)": { status: "all", cursor: pageCursor },
  };
  const results = [];
  for (const [name, query] of Object.entries(listings)) {
    const timing = await timeRuns(async () => {
      const res = await list(query);
      if (res.status !== 200 || res.body.leases.length === 0) throw new Error(`${name}: ${res.status} ${res.text}`);
    });
    results.push({ name, ...timing, target: TARGETS.listP95 });
  }

  // The expiry worker's claim, exactly as the repo builds it, rolled back so every run sees the same due leases.
  const repo = createLeasesRepo();
  const claimArgs = (db) =>
    repo.claimDue(
      db,
      { now, from: ["active", "revoke_failed", "revoking"], limit: 50 },
      { status: "revoking", dueAt: new Date(now.getTime() + 300_000), updatedAt: now },
    );
  let claimedRows = 0;
  const claim = await timeRuns(() =>
    database.db
      .transaction(async (tx) => {
        claimedRows = (await claimArgs(tx)).length;
        throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      }),
  );
  results.push({ name: `claim ${claimedRows} due leases (SKIP LOCKED)`, ...claim, target: TARGETS.claimP95 });

  console.log("query                                       p50 ms   p95 ms   target p95   result");
  for (const r of results) {
    const pass = r.p95 <= r.target;
    ok &&= pass;
    console.log(
      `${r.name.padEnd(42)} ${fixed(r.p50).padStart(7)}  ${fixed(r.p95).padStart(7)}   ` +
        `≤ ${r.target} ms     ${pass ? "ok" : "OVER"}`,
    );
  }

  const query = claimArgs(database.db).toSQL();
  const plan = await database.db
    .transaction(async (tx) => {
      const lines = await tx.execute(sql.raw(`explain (analyze, costs off, timing off, summary off) ${inline(query)}`));
      throw Object.assign(new Error("rollback"), { lines });
    })
    .catch(
      (error) =>
        error.lines?.rows?.map((r) => r["QUERY PLAN"]) ??
        (() => {
          throw error;
        })(),
    );
  const usesIndex = plan.some((line) => line.includes("dynamic_secret_leases_due_idx"));
  ok &&= usesIndex;
  const indexVerdict = usesIndex ? "uses dynamic_secret_leases_due_idx" : "DOES NOT use the due index";
  console.log(`\nEXPLAIN ANALYZE of the claim (${indexVerdict}):`);
  for (const line of plan) console.log(`  ${line}`);
  await database.close();

  // A restart: the server process from start to /api/ready, against the million rows. Twice:
  // the first start also fills tsx's compile cache, as any first start after a deploy does.
  const readiness = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const server = await startServer({
      motoUrl: moto.url,
      env: { DATABASE_URL: url, LEASEHOLD_ROOT_KEY: rootKey.toString("base64"), LOG_LEVEL: "warn" },
    });
    readiness.push((performance.now() - started) / 1000);
    await server.stop();
  }
  const ready = readiness[1];
  ok &&= ready <= TARGETS.readySeconds;
  console.log(
    `\nserver ready after a restart: ${fixed(ready, 2)} s (first start ${fixed(readiness[0], 2)} s), ` +
      `target ≤ ${TARGETS.readySeconds} s: ${ready <= TARGETS.readySeconds ? "ok" : "OVER"}`,
  );
  console.log(
    "(the workers keep no lease in memory: a start reads no lease rows; " +
      "the expiry worker claims 50 at a time once listening)",
  );
} finally {
  await moto.stop();
  await cluster.stop();
}
process.exitCode = ok ? 0 : 1;

/** Drizzle's SQL with its $n parameters written in as literals, for EXPLAIN. */
function inline({ sql: text, params }) {
  return text.replace(/\$(\d+)/g, (_, n) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return "null";
    if (typeof value === "number") return String(value);
    return `'${String(value instanceof Date ? value.toISOString() : value).replace(/'/g, "''")}'`;
  });
}
