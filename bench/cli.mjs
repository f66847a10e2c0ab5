// `npm run bench:cli`: how long the bundled `leasehold` CLI takes from start to printing
// credential_process credentials, with a warm cache (a cached lease: no network at all), with a
// warm token but no lease (one lease call), and cold (login with a fresh signature + lease).
// Against a real server process (PGlite) and moto, on 127.0.0.1. `node -e 0` is the floor.
//   BENCH_RUNS (default 15)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { authRoutes } from "../client/core/routes/auth.ts";
import { identityRoutes } from "../client/core/routes/identities.ts";
import { LeaseholdClient } from "../client/index.ts";
import { createIamUser } from "../server/modules/aws-auth/moto-principals.fixtures.ts";
import { startMoto } from "../test/ground/moto.ts";
import { repoRoot } from "../test/ground/paths.ts";
import { removeAtExit } from "../test/ground/processes.ts";
import { startServer } from "../test/ground/server-process.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const workDir = mkdtempSync(join(tmpdir(), "leasehold-bench-cli-"));
removeAtExit(workDir);

function cookieFetch() {
  let cookie;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return response;
  };
}

const moto = await startMoto();
const server = await startServer({ motoUrl: moto.url });
try {
  let csrf;
  const admin = new LeaseholdClient({ baseUrl: server.url, fetch: cookieFetch(), session: { csrfToken: () => csrf } });
  const setup = await admin.call(authRoutes.setup, {
    body: {
      name: "Bench",
      email: "bench@example.com",
      password: "correct horse battery staple",
      organizationName: "Bench",
      projectName: "Bench",
    },
  });
  csrf = setup.csrfToken;
  const principal = await createIamUser(moto.url);
  const { identity } = await admin.identities.create({ name: "bench-cli", organizationId: setup.organization.id });
  await admin.identityAuth.aws.attach({
    identityId: identity.id,
    allowedPrincipalArns: principal.arn,
    serverIdHeader: true,
  });
  await admin.call(identityRoutes.addMembership, {
    params: { identityId: identity.id },
    body: { projectId: setup.project.id, role: "developer" },
  });
  await admin.dynamicSecrets.create({
    projectSlug: setup.project.slug,
    environmentSlug: "dev",
    name: "bench",
    defaultTTL: "1h",
    maxTTL: "1d",
    provider: {
      type: "aws-iam",
      inputs: {
        method: "access-key",
        accessKey: "AKIABENCHBENCHBENCH0",
        secretAccessKey: "x".repeat(40),
        region: "us-east-1",
      },
    },
  });

  const cli = join(workDir, "leasehold.mjs");
  execFileSync(process.execPath, ["scripts/build-cli.mjs", workDir], { cwd: repoRoot, stdio: "pipe" });
  const args = [cli, "aws", "credential-process", "--url", server.url, "--identity-id", identity.id];
  args.push("--secret", "bench", "--project", setup.project.slug, "--env", "dev");
  const envFor = (state) => ({
    PATH: process.env.PATH,
    HOME: workDir,
    LEASEHOLD_STATE_DIR: state,
    AWS_ACCESS_KEY_ID: principal.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: principal.credentials.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  const time = (argv, env) => {
    const started = performance.now();
    const out = execFileSync(process.execPath, argv, { env, stdio: ["ignore", "pipe", "pipe"] }).toString();
    const ms = performance.now() - started;
    if (argv.length > 2 && !out.includes('"AccessKeyId"')) throw new Error(`no credentials: ${out}`);
    return ms;
  };
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { p50: at(0.5), p90: at(0.9) };
  };

  const floor = [];
  const cold = [];
  const tokenOnly = [];
  const warm = [];
  for (let run = 0; run < RUNS; run++) {
    floor.push(time(["-e", "0"], envFor(workDir)));
    const state = join(workDir, `state-${run}`);
    cold.push(time(args, envFor(state))); // login (fresh signature, server ID) + lease create
    warm.push(time(args, envFor(state))); // the cached lease: no network
    rmSync(join(state, "leases"), { recursive: true, force: true });
    tokenOnly.push(time(args, envFor(state))); // the stored token + lease create
  }
  const rows = { "node -e 0 (floor)": floor, "warm (cached lease)": warm, "token, no lease": tokenOnly, cold };
  console.log(`bench:cli: ${RUNS} runs each, credential-process start to credentials on stdout (ms)`);
  for (const [name, values] of Object.entries(rows)) {
    const { p50, p90 } = stats(values);
    console.log(`  ${name.padEnd(22)} p50 ${p50.toFixed(0).padStart(5)}  p90 ${p90.toFixed(0).padStart(5)}`);
  }
  const ratio = stats(cold).p50 / stats(warm).p50;
  console.log(
    `  cold / warm p50: ${ratio.toFixed(2)}x; warm / floor p50: ${(stats(warm).p50 / stats(floor).p50).toFixed(2)}x`,
  );
} finally {
  await server.stop();
  await moto.stop();
}
