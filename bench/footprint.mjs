// `npm run bench:footprint`: the server's memory and its restart time, as `npm start` runs it
// (the compiled dist/server/index.mjs under plain node), on PGlite and on PostgreSQL.
//   RSS (VmRSS of the server process itself, from /proc) right after the first start, after
//   first-run setup through the API, and in steady state with BENCH_LEASES (1,000) active
//   IAM-user leases created through the API against moto; restart to the first 200 of
//   /api/ready with those leases, BENCH_RESTARTS (5) times, with the server's CPU time until then.
// Targets: steady-state RSS ≤ 250 MB, restart ≤ 1 s. Exits non-zero when this tree misses one.
//   --baseline DIR   measures another checkout too (its dist/ built: `npm run build` there), in the
//                    same run and against the same moto and PostgreSQL, printed beside this tree.
//   BENCH_LEASES, BENCH_RESTARTS, BENCH_DATABASES (pglite,postgres), BENCH_SETTLE_SECONDS (10)
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { dynamicSecretRoutes } from "../client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "../client/core/routes/leases.ts";
import { ensureServerBuild } from "../scripts/lib/server-build.mjs";
import { ensureWebBuild } from "../scripts/lib/web-build.mjs";
import { startMoto } from "../test/ground/moto.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import {
  benchServerEnv,
  closeAgent,
  median,
  processStats,
  signInAsFirstAdmin,
  sleep,
  startLeasehold,
  treesToMeasure,
} from "./lib/leasehold-process.mjs";

const { values: args } = parseArgs({ options: { baseline: { type: "string" } } });
const LEASES = Number(process.env.BENCH_LEASES ?? 1000);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5);
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const SETTLE_MS = Number(process.env.BENCH_SETTLE_SECONDS ?? 10) * 1000;
const CONCURRENCY = 8;
const TARGETS = { steadyMb: 250, restartMs: 1000 };
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});

/** A few samples a second apart; the median, so one allocation burst does not decide it. */
async function sampleRss(pid, samples = 5) {
  const seen = [];
  for (let i = 0; i < samples; i++) {
    if (i) await sleep(1000);
    seen.push(processStats(pid).rss);
  }
  return median(seen);
}

async function createLeases(admin) {
  await admin.ok(dynamicSecretRoutes.create, {
    body: {
      ...admin.location,
      name: "footprint",
      defaultTTL: "24h",
      provider: {
        type: "aws-iam",
        inputs: {
          method: "access-key",
          accessKey: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
          secretAccessKey: randomBytes(30).toString("base64url").slice(0, 40),
          region: "us-east-1",
          awsPath: "/footprint/",
          policyDocument: POLICY,
        },
      },
    },
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LEASES) {
        next++;
        await admin.ok(leaseRoutes.create, { body: { ...admin.location, dynamicSecretName: "footprint" } });
      }
    }),
  );
}

async function measureTree(tree, kind, { moto, cluster }) {
  const env = benchServerEnv({
    LOG_LEVEL: "warn",
    LEASEHOLD_LEASE_QUOTA: String(Math.max(500, LEASES + 10)),
    ...(kind === "postgres" ? { DATABASE_URL: await createDatabase(cluster.adminUrl) } : {}),
  });
  const result = { restartMs: [], restartCpuMs: [], restartRss: [] };
  let server = await startLeasehold(tree, { awsUrl: moto.url, env });
  const { dataDir, port } = server;
  try {
    result.firstReadyMs = server.readyMs;
    result.firstStart = await sampleRss(server.pid, 3);
    const admin = await signInAsFirstAdmin(server.url);
    result.afterSetup = await sampleRss(server.pid, 3);
    const t0 = performance.now();
    await createLeases(admin);
    result.createSeconds = (performance.now() - t0) / 1000;
    result.afterLeases = processStats(server.pid).rss;
    await sleep(SETTLE_MS);
    result.steady = await sampleRss(server.pid);
    result.peak = processStats(server.pid).peak;
    for (let i = 0; i < RESTARTS; i++) {
      await server.stop();
      server = await startLeasehold(tree, { awsUrl: moto.url, env, dataDir, port });
      const stats = processStats(server.pid);
      result.restartMs.push(server.readyMs);
      result.restartCpuMs.push(stats.cpuMs);
      result.restartRss.push(stats.rss);
    }
    await sleep(SETTLE_MS / 2);
    result.steadyAfterRestart = await sampleRss(server.pid, 3);
  } finally {
    await server.stop();
  }
  return result;
}

function report(kind, trees, results) {
  let ok = true;
  const mb = (v) => `${v.toFixed(0)} MB`;
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(`\n=== ${kind}: the server process, ${LEASES} active leases (RSS: median of samples a second apart) ===`);
  const rows = [];
  const row = (label, target, pick, format, judge = false) => {
    const cells = trees.map((tree) => {
      const value = pick(results.get(`${tree.dir}:${kind}`));
      if (target === null) return format(value);
      const within = value <= target;
      if (judge && tree === trees[0]) ok &&= within;
      return `${format(value)} (${(value / target).toFixed(2)}×${within ? "" : " OVER"})`;
    });
    rows.push([label, target === null ? "" : `≤ ${format(target)}`, ...cells]);
  };
  row("RSS right after first start", null, (r) => r.firstStart, mb);
  row("RSS after first-run setup", null, (r) => r.afterSetup, mb);
  row(`RSS just after ${LEASES} leases`, null, (r) => r.afterLeases, mb);
  row("RSS steady state", TARGETS.steadyMb, (r) => r.steady, mb, true);
  row("peak RSS (VmHWM), first run", null, (r) => r.peak, mb);
  row("RSS after a restart (ready)", null, (r) => median(r.restartRss), mb);
  row("RSS steady after a restart", TARGETS.steadyMb, (r) => r.steadyAfterRestart, mb, true);
  row("first start to ready", null, (r) => r.firstReadyMs, ms);
  row(`restart to ready, median of ${RESTARTS}`, TARGETS.restartMs, (r) => median(r.restartMs), ms, true);
  row("restart to ready, slowest", TARGETS.restartMs, (r) => Math.max(...r.restartMs), ms);
  row("server CPU time to ready, median", null, (r) => median(r.restartCpuMs), ms);
  row(
    `time to create ${LEASES} leases`,
    null,
    (r) => r.createSeconds * 1000,
    (v) => `${(v / 1000).toFixed(1)} s`,
  );
  const header = ["", "target", ...trees.map((t) => t.name)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  for (const tree of trees) {
    const r = results.get(`${tree.dir}:${kind}`);
    console.log(
      `${tree.name}: restarts ${r.restartMs.map((v) => v.toFixed(0)).join(", ")} ms, ` +
        `CPU ${r.restartCpuMs.join(", ")} ms`,
    );
  }
  return ok;
}

const trees = treesToMeasure(args.baseline);
if (!(await ensureWebBuild()) || !(await ensureServerBuild())) process.exit(1);
const moto = await startMoto();
const cluster = DATABASES.includes("postgres") ? await startPostgresCluster() : null;
const results = new Map();
try {
  for (const kind of DATABASES) {
    for (const tree of trees) {
      console.log(
        `[bench:footprint] ${tree.name} on ${kind}: first start, setup, ${LEASES} leases, ${RESTARTS} restarts…`,
      );
      results.set(`${tree.dir}:${kind}`, await measureTree(tree.dir, kind, { moto, cluster }));
    }
  }
} finally {
  closeAgent();
  await moto.stop();
  await cluster?.stop();
}
let ok = true;
for (const kind of DATABASES) ok = report(kind, trees, results) && ok;
console.log(
  "\nOn a machine shared with other work, wall times stretch with its load; " +
    "the server's CPU time to ready does much less.",
);
process.exitCode = ok ? 0 : 1;
