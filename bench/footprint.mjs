// `npm run bench:footprint`: the server's memory and its restart time, as `npm start` runs it
// (the compiled dist/server/index.mjs under plain node), on PGlite and on PostgreSQL.
//   RSS (VmRSS of the server process itself, from /proc) right after the first start, after
//   first-run setup through the API, and in steady state with BENCH_LEASES (1,000) active
//   IAM-user leases created through the API against moto; restart to the first 200 of
//   /api/ready with those leases, BENCH_RESTARTS (5) times.
// Targets: steady-state RSS ≤ 250 MB, restart ≤ 1 s.
//   --baseline DIR   measures another checkout too (its dist/ built: `npm run build` there), in the
//                    same run and against the same moto and PostgreSQL, printed beside this tree.
//   BENCH_LEASES, BENCH_RESTARTS, BENCH_DATABASES (pglite,postgres), BENCH_SETTLE_SECONDS (10)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureServerBuild } from "../scripts/lib/server-build.mjs";
import { ensureWebBuild } from "../scripts/lib/web-build.mjs";
import { startMoto } from "../test/ground/moto.ts";
import { repoRoot } from "../test/ground/paths.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import { freePort, removeAtExit, spawnGround } from "../test/ground/processes.ts";
import { serverEnv } from "../test/ground/server.ts";

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc/<pid>/status. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** A few samples a second apart; the median, so one allocation burst does not decide it. */
async function sampleRss(pid, samples = 5) {
  const seen = [];
  for (let i = 0; i < samples; i++) {
    if (i) await sleep(1000);
    seen.push(memoryOf(pid).rss);
  }
  return median(seen);
}

function describeTree(dir) {
  try {
    return execFileSync("git", ["-C", dir, "log", "-1", "--format=%h"], { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

/** Starts `node dist/server/index.mjs` in `tree`; resolves once /api/ready first answers 200. */
async function startServer(tree, { dataDir, env, port }) {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const proc = spawnGround(process.execPath, ["dist/server/index.mjs"], {
    cwd: tree,
    env: { ...serverEnv(port, dataDir, env.AWS_ENDPOINT_URL), ...env, PATH: process.env.PATH },
    deathSignal: "TERM",
  });
  for (;;) {
    const ok = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      async (res) => (await res.body?.cancel(), res.ok),
      () => false,
    );
    if (ok) break;
    if (proc.child.exitCode !== null) throw new Error(`server exited before ready:\n${proc.output()}`);
    if (performance.now() - started > 120_000) {
      await proc.stop("SIGKILL");
      throw new Error(`server not ready after 120 s:\n${proc.output()}`);
    }
    await sleep(5);
  }
  return { proc, url, readyMs: performance.now() - started };
}

/** First-run setup, then a dynamic secret (IAM users with an inline policy) through the API. */
async function setUp(url) {
  const post = async (path, body, session) => {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: url,
        ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return { body: JSON.parse(text), res };
  };
  const setup = await post("/api/v1/setup", {
    name: "Bench",
    email: "bench@example.com",
    password: "correct horse battery staple",
    organizationName: "Bench",
    projectName: "Bench",
  });
  const session = {
    cookie: setup.res.headers.getSetCookie()[0].split(";")[0],
    csrfToken: setup.body.csrfToken,
  };
  const location = { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" };
  return {
    createSecret: () =>
      post(
        "/api/v1/dynamic-secrets",
        {
          ...location,
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
        session,
      ),
    createLease: () => post("/api/v1/dynamic-secrets/leases", { ...location, dynamicSecretName: "footprint" }, session),
  };
}

async function measureTree(tree, kind, { moto, cluster }) {
  const own = mkdtempSync(join(tmpdir(), "leasehold-footprint-"));
  removeAtExit(own);
  const dataDir = join(own, "data");
  const env = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    AWS_ENDPOINT_URL: moto.url,
    LEASEHOLD_ROOT_KEY: randomBytes(32).toString("base64"),
    LEASEHOLD_LEASE_QUOTA: String(Math.max(500, LEASES + 10)),
    ...(kind === "postgres" ? { DATABASE_URL: await createDatabase(cluster.adminUrl) } : {}),
  };
  const port = await freePort();
  const result = { restartMs: [], restartRss: [] };
  let server = await startServer(tree, { dataDir, env, port });
  try {
    result.firstReadyMs = server.readyMs;
    result.firstStart = await sampleRss(server.proc.pid, 3);
    const api = await setUp(server.url);
    result.afterSetup = await sampleRss(server.proc.pid, 3);
    await api.createSecret();
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < LEASES) {
          next++;
          await api.createLease();
        }
      }),
    );
    result.createSeconds = (performance.now() - t0) / 1000;
    result.afterLeases = memoryOf(server.proc.pid).rss;
    await sleep(SETTLE_MS);
    result.steady = await sampleRss(server.proc.pid);
    result.peak = memoryOf(server.proc.pid).peak;
    for (let i = 0; i < RESTARTS; i++) {
      await server.proc.stop("SIGTERM", 15_000);
      server = await startServer(tree, { dataDir, env, port });
      result.restartMs.push(server.readyMs);
      result.restartRss.push(memoryOf(server.proc.pid).rss);
    }
    await sleep(SETTLE_MS / 2);
    result.steadyAfterRestart = await sampleRss(server.proc.pid, 3);
  } finally {
    await server.proc.stop("SIGTERM", 15_000);
    rmSync(own, { recursive: true, force: true });
  }
  return result;
}

const baseline = args.baseline ? resolve(args.baseline) : null;
if (baseline && !existsSync(join(baseline, "dist/server/index.mjs"))) {
  console.error(`${baseline}/dist/server/index.mjs is missing: run \`npm run build\` in ${baseline} first`);
  process.exit(2);
}
if (!(await ensureWebBuild()) || !(await ensureServerBuild())) process.exit(1);
const trees = [
  { name: `this tree (${describeTree(repoRoot)})`, dir: repoRoot },
  ...(baseline ? [{ name: `baseline (${describeTree(baseline)})`, dir: baseline }] : []),
];

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
  await moto.stop();
  await cluster?.stop();
}

const mb = (v) => `${v.toFixed(0)} MB`;
const vs = (value, target) => `${(value / target).toFixed(2)}×`;
let ok = true;
for (const kind of DATABASES) {
  console.log(`\n=== ${kind}: RSS of the server process (VmRSS), ${LEASES} active leases, median of samples ===`);
  const header = ["figure", "target", ...trees.map((t) => t.name)];
  const rows = [];
  const row = (label, target, pick, format, judge = false) => {
    const cells = trees.map((tree) => {
      const value = pick(results.get(`${tree.dir}:${kind}`));
      const within = target === null || value <= target;
      if (judge && tree.dir === repoRoot) ok &&= within;
      return target === null ? format(value) : `${format(value)} (${vs(value, target)}${within ? "" : " OVER"})`;
    });
    rows.push([label, target === null ? "" : `≤ ${format(target)}`, ...cells]);
  };
  const ms = (v) => `${v.toFixed(0)} ms`;
  row("RSS right after first start", null, (r) => r.firstStart, mb);
  row("RSS after first-run setup", null, (r) => r.afterSetup, mb);
  row(`RSS just after ${LEASES} leases`, null, (r) => r.afterLeases, mb);
  row("RSS steady state", TARGETS.steadyMb, (r) => r.steady, mb, true);
  row("peak RSS (VmHWM) first run", null, (r) => r.peak, mb);
  row("RSS after restart (ready)", null, (r) => median(r.restartRss), mb);
  row("RSS steady after restart", TARGETS.steadyMb, (r) => r.steadyAfterRestart, mb);
  row("first start to ready", null, (r) => r.firstReadyMs, ms);
  row(`restart to ready, median of ${RESTARTS}`, TARGETS.restartMs, (r) => median(r.restartMs), ms, true);
  row("restart to ready, slowest", TARGETS.restartMs, (r) => Math.max(...r.restartMs), ms);
  row(
    `time to create ${LEASES} leases`,
    null,
    (r) => r.createSeconds * 1000,
    (v) => `${(v / 1000).toFixed(1)} s`,
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(
    `restarts (ms): ${trees
      .map(
        (t) =>
          `${t.name}: ${results
            .get(`${t.dir}:${kind}`)
            .restartMs.map((v) => v.toFixed(0))
            .join(", ")}`,
      )
      .join("; ")}`,
  );
}
process.exitCode = ok ? 0 : 1;
