// `npm run test:fuzz`: schemathesis against the real server's OpenAPI
// document, signed in as the first admin. Two checks count: no 5xx
// (not_a_server_error) and every response matching its documented schema
// (response_schema_conformance). Builds nothing: the API needs no web build.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportRows } from "./lib/results.mjs";
import { importGround, root, run, stopChildren, stopChildrenOnSignal } from "./lib/run.mjs";

const MAX_EXAMPLES = Number(process.env.LEASEHOLD_FUZZ_MAX_EXAMPLES ?? 50);
const HARD_TIMEOUT_MS = 15 * 60_000; // a hung run must fail, not block CI forever

const schemathesis = [".venv/bin/schemathesis", ".venv/bin/st"].map((p) => join(root, p)).find(existsSync);
if (!schemathesis) {
  console.error("[fuzz] schemathesis is missing: run `node scripts/lib/ensure-tools.mjs` (npm test does)");
  process.exit(1);
}

const { startMoto } = await importGround("moto.ts");
const { startServer } = await importGround("server-process.ts");
const work = mkdtempSync(join(tmpdir(), "leasehold-fuzz-"));
let moto;
let server;
const cleanup = async () => {
  await server?.stop();
  await moto?.stop();
  rmSync(work, { recursive: true, force: true });
};
stopChildrenOnSignal(cleanup);

let code = 1;
let summary = null;
const started = Date.now();
try {
  moto = await startMoto();
  server = await startServer({ motoUrl: moto.url });
  const session = await completeSetup(server.url);
  console.log(`[fuzz] server ${server.url} (pid ${server.pid}), signed in as the first admin`);

  const reportPath = join(work, "report.json");
  // Random org IDs only ever reach the 404 branch: pin the one org that
  // exists, so the member and audit routes get tested past their lookup.
  const configPath = join(work, "schemathesis.toml");
  writeFileSync(configPath, `[parameters]\n"path.orgId" = "${session.orgId}"\n`);
  const timer = setTimeout(() => {
    console.error(`[fuzz] no result after ${HARD_TIMEOUT_MS / 60_000} min: stopping schemathesis`);
    void stopChildren(5_000);
  }, HARD_TIMEOUT_MS);
  code = await run(
    schemathesis,
    [
      "--config-file",
      configPath,
      "run",
      `${server.url}/api/docs/openapi.json`,
      "--checks",
      "not_a_server_error,response_schema_conformance",
      "--max-examples",
      String(MAX_EXAMPLES),
      // One worker: hypothesis parses lambdas with `ast` from several threads,
      // which on Python 3.11 fails at random with "AST constructor recursion
      // depth mismatch" (python/cpython#106905).
      "--workers",
      "1",
      // Keep the session alive: no logout, and setup only works once anyway.
      "--exclude-path",
      "/api/v1/auth/logout",
      "--exclude-path",
      "/api/v1/setup",
      "--header",
      `Cookie: ${session.cookie}`,
      "--header",
      `X-CSRF-Token: ${session.csrfToken}`,
      "--header",
      `Origin: ${server.url}`,
      "--generation-database",
      ":memory:", // no .hypothesis/ folder in the repo
      "--report",
      "json",
      "--report-json-path",
      reportPath,
      "--no-color",
    ],
    { cwd: work },
  );
  clearTimeout(timer);
  summary = readSummary(reportPath);
  // 401s conform to the schema too: a run whose session died part-way would
  // pass while testing little past the auth check.
  const check = await fetch(`${server.url}/api/v1/auth/session`, { headers: { cookie: session.cookie } });
  const alive = check.status === 200 && (await check.json()).session !== null;
  if (!alive) {
    console.error(`[fuzz] the session did not survive the run (GET /api/v1/auth/session: ${check.status})`);
    code = code || 1;
  }
} catch (error) {
  console.error(`[fuzz] ${error.stack ?? error}`);
} finally {
  if (code !== 0 && server) console.error(`[fuzz] server log: ${server.logFile}`);
  await cleanup();
}

console.log(`\n[fuzz] ${code === 0 ? "ok" : "FAILED"}: ${summary ? summary.line : "no report"}`);
reportRows([
  {
    name: "fuzz (operations)",
    status: code === 0 ? "ok" : "FAILED",
    passed: summary?.passed,
    failed: summary?.failed,
    seconds: (Date.now() - started) / 1000,
  },
]);
process.exit(code === 0 ? 0 : 1);

/** First-run setup through the API; returns the session cookie and CSRF token. */
async function completeSetup(url) {
  const response = await fetch(`${url}/api/v1/setup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({
      name: "Fuzz Admin",
      email: "fuzz-admin@example.com",
      password: `fuzz-${crypto.randomUUID()}`,
      organizationName: "Fuzz Org",
      projectName: "Fuzz Project",
    }),
  });
  const body = await response.json().catch(() => ({}));
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("leasehold_session="));
  if (!response.ok || !cookie || typeof body.csrfToken !== "string") {
    throw new Error(`setup failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return { cookie, csrfToken: body.csrfToken, orgId: body.organization?.id };
}

/** Operation and case counts from schemathesis's JSON run report. */
function readSummary(path) {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  const { operations: ops, test_cases: cases, errors = [] } = JSON.parse(text);
  const seed = /"seed":\s*(\d+)/.exec(text)?.[1]; // too big for a JS number
  // Counted per operation, not per generated case, so that the total of
  // npm test stays a count of tests. Failures are at least one operation.
  const failed = Math.min(ops.tested, cases.unique_failures + cases.errored + errors.length);
  return {
    passed: ops.tested - failed,
    failed,
    line:
      `${ops.tested} of ${ops.total} operations tested (${ops.total - ops.selected} excluded), ` +
      `${cases.generated} cases, ${cases.with_failures} failing (${cases.unique_failures} unique), ` +
      `${errors.length + cases.errored} errors, seed ${seed}`,
  };
}
