// `npm run bench:login`: AWS Auth login and the bearer-token check, on PGlite and on
// PostgreSQL. A stub STS (bench/stub-sts.mjs) answers GetCallerIdentity after a fixed
// 20 ms, so login latency minus 20 ms is Leasehold's own overhead. The server runs in
// its own process (bench/login-server.ts), the stub in another, the load here.
//   BENCH_SECONDS (default 20), BENCH_CONCURRENCY (default 100), BENCH_DATABASES (pglite,postgres)
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signedLogin } from "../server/modules/aws-auth/signed-login.fixtures.ts";
import { repoRoot } from "../test/ground/paths.ts";
import { createDatabase, startPostgresCluster } from "../test/ground/postgres.ts";
import { answers, freePort, removeAtExit, spawnGround, waitUntil } from "../test/ground/processes.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const DATABASES = (process.env.BENCH_DATABASES ?? "pglite,postgres").split(",");
const STUB_DELAY_MS = 20;
const TOKEN_CHECK_SECONDS = Math.max(3, Math.round(SECONDS / 2));
const TARGETS = { loginP50: 2, loginP99: 10, tokenCheckP50: 1 };

const workDir = mkdtempSync(join(tmpdir(), "leasehold-bench-"));
removeAtExit(workDir);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4 });

/** One HTTP exchange on the keep-alive pool; resolves with the status and body text. */
function send(port, method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: {
          ...(data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode, text, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function startProcess(name, args, env) {
  const port = await freePort();
  const log = openSync(join(workDir, `${name}-${port}.log`), "a");
  const proc = spawnGround(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  await waitUntil(name, () => answers(`http://127.0.0.1:${port}/api/health`), { proc, timeoutMs: 60_000 });
  return { port, stop: () => proc.stop("SIGTERM", 10_000) };
}

/** A signed-in admin of a fresh server, and identities with AWS Auth through the real API. */
async function prepare(port) {
  const origin = `http://127.0.0.1:${port}`;
  const setup = await send(port, "POST", "/api/v1/setup", {
    body: {
      name: "Bench Admin",
      email: "bench@example.com",
      password: "bench-password-long-enough",
      organizationName: "Bench",
      projectName: "Bench",
    },
  });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${setup.text}`);
  const session = JSON.parse(setup.text);
  const cookie = setup.headers["set-cookie"][0].split(";")[0];
  const admin = (method, path, body) =>
    send(port, method, path, { body, headers: { cookie, origin, "x-csrf-token": session.csrfToken } }).then((res) => {
      if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return JSON.parse(res.text);
    });
  const identity = async (name, config) => {
    const { identity: created } = await admin("POST", "/api/v1/identities", {
      name,
      organizationId: session.organization.id,
    });
    await admin("POST", `/api/v1/auth/aws-auth/identities/${created.id}`, {
      allowedAccountIds: "123456789012",
      accessTokenTTL: 3600,
      accessTokenMaxTTL: 86400,
      ...config,
    });
    return created.id;
  };
  return {
    loginIdentity: await identity("bench-login", {}),
    limitedIdentity: await identity("bench-limited", { accessTokenNumUsesLimit: 2_000_000_000 }),
  };
}

const credentials = { accessKeyId: "AKIABENCHMARKLOADER1", secretAccessKey: "bench-secret-not-real" };

/** Runs `request` from `concurrency` loops for `seconds`; latencies in ms for answers with `expected` status. */
async function load({ seconds, concurrency, request, expected }) {
  const latencies = [];
  let failures = 0;
  let firstFailure;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        const res = await request(worker, i);
        const ms = performance.now() - t0;
        if (res.status === expected) latencies.push(ms);
        else {
          failures++;
          firstFailure ??= `${res.status} ${res.text.slice(0, 200)}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    count: latencies.length,
    failures,
    firstFailure,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
  };
}

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

async function benchLogin(port, identityId) {
  // Mostly pre-signed, so the load generator spends little time signing; signed on demand past the pool.
  const pool = await Promise.all(Array.from({ length: 4096 }, () => freshLogin(identityId)));
  const request = async () =>
    send(port, "POST", "/api/v1/auth/aws-auth/login", { body: pool.pop() ?? (await freshLogin(identityId)) });
  await load({ seconds: 2, concurrency: CONCURRENCY, request, expected: 200 });
  const crowd = await load({ seconds: SECONDS, concurrency: CONCURRENCY, request, expected: 200 });
  // One client at a time: the overhead of a login itself, without waiting behind others.
  const single = await load({ seconds: TOKEN_CHECK_SECONDS, concurrency: 1, request, expected: 200 });
  return { crowd, single };
}

/** The same 404 route with and without a bearer token: the difference is the token check (lookup + atomic use count). */
async function benchTokenCheck(port, identityId) {
  const login = await send(port, "POST", "/api/v1/auth/aws-auth/login", {
    body: await signedLogin({ identityId, credentials }),
  });
  const { accessToken } = JSON.parse(login.text);
  const path = "/api/v1/bench-no-such-route";
  const plain = () => send(port, "GET", path);
  const bearer = () => send(port, "GET", path, { headers: { authorization: `Bearer ${accessToken}` } });
  await load({ seconds: 1, concurrency: 1, request: plain, expected: 404 });
  await load({ seconds: 1, concurrency: 1, request: bearer, expected: 404 });
  const without = await load({ seconds: TOKEN_CHECK_SECONDS, concurrency: 1, request: plain, expected: 404 });
  const withToken = await load({ seconds: TOKEN_CHECK_SECONDS, concurrency: 1, request: bearer, expected: 404 });
  return { without, withToken, overheadP50: withToken.p50 - without.p50 };
}

const ms = (value) => `${value.toFixed(2)} ms`;
const ratio = (value, target) => `${(value / target).toFixed(2)}× the ${target} ms target`;

async function runFor(kind, stsPort) {
  const env = {
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    NODE_ENV: "production",
    LEASEHOLD_SECURE_COOKIES: "false",
    LEASEHOLD_ROOT_KEY: randomBytes(32).toString("base64"),
    LEASEHOLD_DATA_DIR: mkdtempSync(join(workDir, "data-")),
    AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${stsPort}`,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  let cluster;
  if (kind === "postgres") {
    cluster = await startPostgresCluster();
    env.DATABASE_URL = await createDatabase(cluster.adminUrl);
  }
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const server = await startProcess(`server-${kind}`, [...profile, "--import", "tsx", "bench/login-server.ts"], env);
  try {
    const { loginIdentity, limitedIdentity } = await prepare(server.port);
    const login = await benchLogin(server.port, loginIdentity);
    const token = await benchTokenCheck(server.port, limitedIdentity);
    // The stub on its own: how late its 20 ms timer fires, plus a loopback round trip.
    const direct = await load({
      seconds: 3,
      concurrency: 1,
      request: () => send(stsPort, "POST", "/", { body: "Action=GetCallerIdentity&Version=2011-06-15" }),
      expected: 200,
    });
    return { kind, login, token, direct };
  } finally {
    await server.stop();
    await cluster?.stop();
  }
}

const sts = await startProcess("stub-sts", ["bench/stub-sts.mjs"], { STUB_STS_DELAY_MS: String(STUB_DELAY_MS) });
const results = [];
try {
  for (const kind of DATABASES) {
    console.log(
      `\n[bench:login] ${kind}: ${CONCURRENCY} concurrent clients for ${SECONDS} s against a ${STUB_DELAY_MS} ms stub STS…`,
    );
    results.push(await runFor(kind, sts.port));
  }
} finally {
  await sts.stop();
  agent.destroy();
}

for (const {
  kind,
  login: { crowd: login, single },
  token,
  direct,
} of results) {
  const p50 = login.p50 - STUB_DELAY_MS;
  const p99 = login.p99 - STUB_DELAY_MS;
  console.log(`\n=== ${kind} ===`);
  console.log(
    `login: ${login.count} logins in ${SECONDS} s = ${login.perSecond.toFixed(0)} logins/s, ${login.failures} failed${login.firstFailure ? ` (first: ${login.firstFailure})` : ""}`,
  );
  console.log(
    `  latency p50 ${ms(login.p50)}, p99 ${ms(login.p99)}, max ${ms(login.max)} (stub STS: ${STUB_DELAY_MS} ms)`,
  );
  console.log(
    `  server overhead p50 ${ms(p50)} (${ratio(p50, TARGETS.loginP50)}), p99 ${ms(p99)} (${ratio(p99, TARGETS.loginP99)})`,
  );
  // With every client waiting, the server is saturated: 1 s / throughput is its busy time per login.
  console.log(
    `  server busy time per login at saturation: ${ms(1000 / login.perSecond)} (1 s / ${login.perSecond.toFixed(0)} logins/s)`,
  );
  console.log(`  (the stub STS asked directly, one client: p50 ${ms(direct.p50)}, p99 ${ms(direct.p99)})`);
  console.log(
    `login, one client at a time: overhead p50 ${ms(single.p50 - STUB_DELAY_MS)} (${ratio(single.p50 - STUB_DELAY_MS, TARGETS.loginP50)}), p99 ${ms(single.p99 - STUB_DELAY_MS)} (${ratio(single.p99 - STUB_DELAY_MS, TARGETS.loginP99)})`,
  );
  console.log(
    `token check (uses-limited token, one client): p50 ${ms(token.withToken.p50)} with vs ${ms(token.without.p50)} without a token`,
  );
  console.log(
    `  overhead p50 ${ms(token.overheadP50)} (${ratio(token.overheadP50, TARGETS.tokenCheckP50)}); ${token.withToken.count} checked requests, ${token.withToken.failures} failed`,
  );
}
const missed = results.some(
  ({ login, token }) => login.crowd.failures > 0 || login.single.failures > 0 || token.withToken.failures > 0,
);
process.exit(missed ? 1 : 0);
