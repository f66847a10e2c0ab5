// `npm run bench:login`: AWS Auth login and the bearer-token check, on PGlite and on
// PostgreSQL. A stub STS (bench/stub-sts.mjs) answers GetCallerIdentity after a fixed
// 20 ms; the server runs in its own process (bench/login-server.ts: production wiring, login rate
// limits raised), the stub in another, the load here.
// Leasehold's own time per login is the login's latency minus the stub's, both at one client and
// measured in turn, so the load on the machine weighs on both alike. Targets: own time ≤ 3 ms per
// login at one client; at 100 clients, p50 ≤ 2 ms and p99 ≤ 10 ms over the stub's 20 ms; the
// bearer check with a uses-limited token ≤ 1 ms at p50.
//   --baseline DIR   runs another checkout's bench/login-server.ts too, in the same run, in turn.
//   BENCH_SECONDS (default 20), BENCH_CONCURRENCY (default 100), BENCH_DATABASES (pglite,postgres),
//   BENCH_CPU_PROFILE=DIR  writes a CPU profile of each server (node --cpu-prof) into DIR.
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathOf } from "../client/core/route.ts";
import { awsAuthRoutes } from "../client/core/routes/aws-auth.ts";
import { identityRoutes } from "../client/core/routes/identities.ts";
import { operationsRoutes } from "../client/core/routes/operations.ts";
import { signedLogin } from "../server/modules/aws-auth/signed-login.fixtures.ts";
import { notARoute } from "../test/ground/api-client.ts";
import { repoRoot } from "../test/ground/paths.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import { answers, freePort, removeAtExit, spawnGround, waitUntil } from "../test/ground/processes.ts";
import { closeAgent, request, requestRoute, signInAsFirstAdmin, treesToMeasure } from "./lib/leasehold-process.mjs";
import { load } from "./lib/load.mjs";

const { values: args } = parseArgs({ options: { baseline: { type: "string" } } });
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const STUB_DELAY_MS = 20;
/** One-client measurements alternate between the servers (and the stub alone) in slices this long. */
const SLICE_SECONDS = 1;
const SLICES = Math.max(3, Math.round(SECONDS / 2));
const TARGETS = { ownAtOneClient: 3, loginP50: 2, loginP99: 10, tokenCheckP50: 1 };

const workDir = mkdtempSync(join(tmpdir(), "leasehold-bench-"));
removeAtExit(workDir);

async function startProcess(name, cwd, nodeArgs, env) {
  const port = await freePort();
  const log = openSync(join(workDir, `${name}-${port}.log`), "a");
  const proc = spawnGround(process.execPath, nodeArgs, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  await waitUntil(name, () => answers(new URL(pathOf(operationsRoutes.health), `http://127.0.0.1:${port}`).href), {
    proc,
    timeoutMs: 60_000,
  });
  return { port, url: `http://127.0.0.1:${port}`, stop: () => proc.stop("SIGTERM", 10_000) };
}

/** A signed-in admin of a fresh server, and identities with AWS Auth through the real API. */
async function prepare(url) {
  const admin = await signInAsFirstAdmin(url);
  const identity = async (name, config) => {
    const { identity: created } = await admin.ok(identityRoutes.create, {
      body: { name, organizationId: admin.session.organization.id },
    });
    await admin.ok(awsAuthRoutes.attach, {
      params: { identityId: created.id },
      body: { allowedAccountIds: "123456789012", accessTokenTTL: 3600, accessTokenMaxTTL: 86400, ...config },
    });
    return created.id;
  };
  return {
    loginIdentity: await identity("bench-login", {}),
    limitedIdentity: await identity("bench-limited", { accessTokenNumUsesLimit: 2_000_000_000 }),
  };
}

const credentials = { accessKeyId: "AKIABENCHMARKLOADER1", secretAccessKey: "bench-secret-not-real" };

/**
 * A signed request logs in once (one-time signatures), so every login needs its own. Each is
 * signed by a distinct key ID (the stub STS accepts any), so they all carry the current time.
 */
let signedCount = 0;
const freshLogin = async (identityId) =>
  JSON.stringify(
    await signedLogin({
      identityId,
      credentials: { ...credentials, accessKeyId: `AKIABENCH${String(signedCount++).padStart(11, "0")}` },
    }),
  );

/** Logins to one server: mostly pre-signed, so the load generator spends little time signing. */
async function loginRequests(server) {
  const pool = await Promise.all(Array.from({ length: 4096 }, () => freshLogin(server.loginIdentity)));
  return async () =>
    requestRoute(server.url, awsAuthRoutes.login, {
      body: pool.pop() ?? (await freshLogin(server.loginIdentity)),
    });
}

/**
 * The same 404 route with and without a bearer token: the difference is the token check
 * (lookup + atomic use count).
 */
async function tokenRequests(server) {
  const login = await requestRoute(server.url, awsAuthRoutes.login, {
    body: await signedLogin({ identityId: server.limitedIdentity, credentials }),
  });
  const headers = { authorization: `Bearer ${login.body.accessToken}` };
  const nowhere = notARoute("GET", "/api/v1/bench-no-such-route");
  return {
    plain: () => requestRoute(server.url, nowhere),
    bearer: () => requestRoute(server.url, nowhere, { headers }),
  };
}

/** Runs each entry's request at one client, in turn, slice by slice; merges each one's latencies. */
async function inTurn(entries) {
  for (const entry of entries)
    await load({ seconds: 0.5, concurrency: 1, request: entry.request, expected: entry.expected });
  const merged = entries.map(() => []);
  const failures = entries.map(() => 0);
  for (let slice = 0; slice < SLICES; slice++) {
    for (const [i, entry] of entries.entries()) {
      const run = await load({
        seconds: SLICE_SECONDS,
        concurrency: 1,
        request: entry.request,
        expected: entry.expected,
      });
      merged[i].push(...run.latencies);
      failures[i] += run.failures;
    }
  }
  return merged.map((latencies, i) =>
    summarize(
      latencies.sort((a, b) => a - b),
      failures[i],
    ),
  );
}

function summarize(sorted, failures) {
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: sorted.length, failures, p50: at(0.5), p99: at(0.99) };
}

async function runFor(kind, trees, stub) {
  let cluster;
  if (kind === "postgres") cluster = await startPostgresCluster();
  const servers = [];
  try {
    for (const tree of trees) {
      const env = {
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        NODE_ENV: "production",
        LEASEHOLD_SECURE_COOKIES: "false",
        LEASEHOLD_ROOT_KEY: randomBytes(32).toString("base64"),
        LEASEHOLD_DATA_DIR: mkdtempSync(join(workDir, "data-")),
        AWS_ENDPOINT_URL_STS: stub.url,
        AWS_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...(cluster ? { DATABASE_URL: await createDatabase(cluster.adminUrl) } : {}),
      };
      const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
      const server = await startProcess(
        `server-${kind}`,
        tree.dir,
        [...profile, "--import", "tsx", "bench/login-server.ts"],
        env,
      );
      servers.push({ ...server, ...(await prepare(server.url)) });
    }
    const logins = await Promise.all(servers.map(loginRequests));
    const crowd = [];
    for (const [i, request] of logins.entries()) {
      console.log(`[bench:login] ${kind}, ${trees[i].name}: ${CONCURRENCY} clients for ${SECONDS} s…`);
      await load({ seconds: 2, concurrency: CONCURRENCY, request, expected: 200 });
      crowd.push(await load({ seconds: SECONDS, concurrency: CONCURRENCY, request, expected: 200 }));
    }
    console.log(`[bench:login] ${kind}: one client at a time, servers and the stub alone in turn…`);
    const direct = () => request(stub.url, "POST", "/", { body: "Action=GetCallerIdentity&Version=2011-06-15" });
    const single = await inTurn([
      { request: direct, expected: 200 },
      ...logins.map((request) => ({ request, expected: 200 })),
    ]);
    const tokens = await Promise.all(servers.map(tokenRequests));
    const checks = await inTurn(
      tokens.flatMap(({ plain, bearer }) => [
        { request: plain, expected: 404 },
        { request: bearer, expected: 404 },
      ]),
    );
    return servers.map((_, i) => ({
      crowd: crowd[i],
      direct: single[0],
      single: single[i + 1],
      without: checks[2 * i],
      withToken: checks[2 * i + 1],
    }));
  } finally {
    for (const server of servers) await server.stop();
    await cluster?.stop();
  }
}

function report(kind, trees, results) {
  const ms = (v) => `${v.toFixed(2)} ms`;
  const vs = (value, target) => `${ms(value)} (${(value / target).toFixed(2)}×${value <= target ? "" : " OVER"})`;
  const rows = [
    [
      "own time per login, one client, p50",
      `≤ ${TARGETS.ownAtOneClient} ms`,
      (r) => vs(r.single.p50 - r.direct.p50, TARGETS.ownAtOneClient),
    ],
    ["login p50 / p99, one client", "", (r) => `${ms(r.single.p50)} / ${ms(r.single.p99)}`],
    ["the stub STS alone p50 / p99, one client", "", (r) => `${ms(r.direct.p50)} / ${ms(r.direct.p99)}`],
    [`logins/s at ${CONCURRENCY} clients`, "", (r) => `${r.crowd.perSecond.toFixed(0)} (${r.crowd.failures} failed)`],
    ["server busy time per login (1 s ÷ logins/s)", "", (r) => ms(1000 / r.crowd.perSecond)],
    [
      `p50 − ${STUB_DELAY_MS} ms at ${CONCURRENCY} clients`,
      `≤ ${TARGETS.loginP50} ms`,
      (r) => vs(r.crowd.p50 - STUB_DELAY_MS, TARGETS.loginP50),
    ],
    [
      `p99 − ${STUB_DELAY_MS} ms at ${CONCURRENCY} clients`,
      `≤ ${TARGETS.loginP99} ms`,
      (r) => vs(r.crowd.p99 - STUB_DELAY_MS, TARGETS.loginP99),
    ],
    [
      "token check p50 (with − without token)",
      `≤ ${TARGETS.tokenCheckP50} ms`,
      (r) => vs(r.withToken.p50 - r.without.p50, TARGETS.tokenCheckP50),
    ],
  ].map(([label, target, cell]) => [label, target, ...results.map(cell)]);
  const header = ["", "target", ...trees.map((t) => t.name)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(`\n=== ${kind}: AWS Auth login against a ${STUB_DELAY_MS} ms stub STS ===`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const first = results[0];
  return first.single.failures + first.crowd.failures + first.withToken.failures === 0;
}

const trees = treesToMeasure(args.baseline);
const stub = await startProcess("stub-sts", repoRoot, ["bench/stub-sts.mjs"], {
  STUB_STS_DELAY_MS: String(STUB_DELAY_MS),
});
let ok = true;
try {
  const all = [];
  for (const kind of DATABASES) all.push([kind, await runFor(kind, trees, stub)]);
  for (const [kind, results] of all) ok = report(kind, trees, results) && ok;
} finally {
  await stub.stop();
  closeAgent();
}
process.exit(ok ? 0 : 1);
