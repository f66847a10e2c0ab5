// What bench:bundle and bench:web stand on: the real server of one checkout (this one, or a
// baseline such as a pristine main, to measure both in one run), built as `npm run build`
// builds it, started with plain node against moto, and seeded through its HTTP API with what
// the dashboard shows on the pages measured: an admin, a project, an AWS IAM dynamic secret
// and a few of its leases.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importGround, root, run } from "../scripts/lib/run.mjs";

export const ADMIN = {
  name: "Bench Admin",
  email: "bench.admin@example.test",
  password: "correct-horse-battery-staple",
  organizationName: "Bench Corp",
  projectName: "Payments",
};
export const SECRET_NAME = "deploy-role";
const LEASES = 3;

/** `--baseline DIR` (repeatable) from argv, as absolute paths. */
export function baselineDirs(argv = process.argv.slice(2)) {
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--baseline" && argv[i + 1]) dirs.push(resolve(argv[++i]));
    else if (argv[i].startsWith("--baseline=")) dirs.push(resolve(argv[i].slice("--baseline=".length)));
  }
  return dirs;
}

/** A number option such as `--runs 3`. */
export function numberOption(name, fallback, argv = process.argv.slice(2)) {
  const at = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at === -1) return fallback;
  const value = Number(argv[at].includes("=") ? argv[at].split("=")[1] : argv[at + 1]);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} takes a positive number`);
  return value;
}

/** Brings a checkout's dist/web and dist/server up to date with its own build scripts. */
export async function buildTree(dir) {
  for (const script of ["scripts/lib/web-build.mjs", "scripts/lib/server-build.mjs"]) {
    const code = await run(process.execPath, [join(dir, script)], { cwd: dir });
    if (code !== 0) throw new Error(`${dir}: ${script} failed (exit ${code})`);
  }
}

export async function startMoto() {
  const { startMoto: start } = await importGround("moto.ts");
  return start();
}

/** What test/ground/server-process.ts gives a test server: AWS pointed at moto, dummy keys, cookies over http. */
function serverEnv(port, dataDir, motoUrl) {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    LEASEHOLD_DATA_DIR: dataDir,
    LEASEHOLD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LEASEHOLD_SECURE_COOKIES: "false",
    AWS_ENDPOINT_URL: motoUrl,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** A checkout's compiled server (dist/server/index.mjs) on a fresh PGlite data folder. */
export async function startTreeServer(dir, motoUrl) {
  const { spawnGround, freePort, waitUntil, answers } = await importGround("processes.ts");
  const dataDir = mkdtempSync(join(tmpdir(), "leasehold-bench-web-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...serverEnv(port, dataDir, motoUrl), LOG_LEVEL: "warn" };
  delete env.NODE_OPTIONS;
  const proc = spawnGround(process.execPath, ["dist/server/index.mjs"], { cwd: dir, env, deathSignal: "TERM" });
  const stop = async () => {
    await proc.stop("SIGTERM", 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntil(`${dir} server`, () => answers(`${url}/api/ready`, true), { proc, timeoutMs: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: proc.pid, dir, stop };
}

/** The tests' API client (the typed client, with a cookie jar and the CSRF token) and the route tables, via tsx. */
async function loadClient() {
  const { tsImport } = await import("tsx/esm/api");
  const load = (path) => tsImport(join(root, path), import.meta.url);
  const [{ createApiClient }, { authRoutes }, { projectRoutes }, { dynamicSecretRoutes }, { leaseRoutes }] =
    await Promise.all([
      load("test/ground/api-client.ts"),
      load("client/core/routes/auth.ts"),
      load("client/core/routes/projects.ts"),
      load("client/core/routes/dynamic-secrets.ts"),
      load("client/core/routes/leases.ts"),
    ]);
  return { createApiClient, routes: { authRoutes, projectRoutes, dynamicSecretRoutes, leaseRoutes } };
}

/**
 * First-run setup, then a dynamic secret in the project's first environment and LEASES
 * leases of it (moto answers the IAM calls). Returns the session cookie and the Secrets page
 * that shows the secret with its leases.
 */
export async function seed(url) {
  const { createApiClient, routes } = await loadClient();
  const api = createApiClient({ baseUrl: url });
  const setup = await api.call(routes.authRoutes.setup, { body: ADMIN });
  const projectId = setup.project.id;
  const { project } = await api.call(routes.projectRoutes.get, { params: { projectId } });
  const environment = [...project.environments].sort((a, b) => a.position - b.position)[0];
  const location = { projectSlug: project.slug, environmentSlug: environment.slug, path: "/" };
  await api.call(routes.dynamicSecretRoutes.create, {
    body: {
      ...location,
      name: SECRET_NAME,
      defaultTTL: "1h",
      maxTTL: "24h",
      provider: {
        type: "aws-iam",
        inputs: {
          method: "access-key",
          accessKey: "AKIAIOSFODNN7EXAMPLE",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
          region: "us-east-1",
          awsPath: "/bench/",
          policyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
          }),
        },
      },
    },
  });
  for (let i = 0; i < LEASES; i++) {
    await api.call(routes.leaseRoutes.create, { body: { ...location, dynamicSecretName: SECRET_NAME } });
  }
  const [name, value] = api.cookie.split("=");
  return {
    cookie: { name, value },
    projectId,
    secretsPath: `/projects/${projectId}/secrets?secret=${SECRET_NAME}`,
  };
}

/** Which checkouts a bench measures: this one first, then each --baseline. */
export function trees() {
  return [{ label: "this checkout", dir: root }, ...baselineDirs().map((dir) => ({ label: `baseline ${dir}`, dir }))];
}
