// A Leasehold server as `npm start` runs it (plain node on the compiled dist/server/index.mjs) of any
// checkout, for the benchmarks that compare this tree with a baseline in one run, and a small
// keep-alive HTTP client that signs in as the first-run admin.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathOf } from "../../client/core/route.ts";
import { authRoutes } from "../../client/core/routes/auth.ts";
import { operationsRoutes } from "../../client/core/routes/operations.ts";
import { repoRoot } from "../../test/ground/paths.ts";
import { freePort, removeAtExit, spawnGround } from "../../test/ground/processes.ts";
import { serverEnv } from "../../test/ground/server-process.ts";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
export const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];

/** This tree, and the checkout given as `--baseline DIR` (its dist/ built), each with a name for the tables. */
export function treesToMeasure(baseline) {
  const commitOf = (dir) => {
    try {
      return execFileSync("git", ["-C", dir, "log", "-1", "--format=%h"], { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  const trees = [{ name: `this tree (${commitOf(repoRoot)})`, dir: repoRoot }];
  if (baseline) {
    const dir = resolve(baseline);
    if (!existsSync(join(dir, "dist/server/index.mjs"))) {
      throw new Error(`${dir}/dist/server/index.mjs is missing: run \`npm run build\` in ${dir} first`);
    }
    trees.push({ name: `baseline (${commitOf(dir)})`, dir });
  }
  return trees;
}

/** VmRSS and VmHWM (peak) in MB, and CPU time (user + system) in ms, of a process, from /proc. */
export function processStats(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks (100 Hz).
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024, cpuMs: ticks * 10 };
}

/**
 * Starts `node [nodeArgs] dist/server/index.mjs` in `tree` and resolves once /api/ready first answers
 * 200, with the time that took. `env` is added to the test ground's (AWS pointed at `awsUrl`).
 */
export async function startLeasehold(tree, { awsUrl, env = {}, dataDir, port, nodeArgs = [], logName = "server" }) {
  const own = mkdtempSync(join(tmpdir(), "leasehold-bench-"));
  removeAtExit(own);
  const data = dataDir ?? join(own, "data");
  const listen = port ?? (await freePort());
  const url = `http://127.0.0.1:${listen}`;
  const logFile = join(own, `${logName}.log`);
  const log = openSync(logFile, "a");
  const started = performance.now();
  const proc = spawnGround(process.execPath, [...nodeArgs, "dist/server/index.mjs"], {
    cwd: tree,
    env: { PATH: process.env.PATH, ...serverEnv(listen, data, awsUrl), ...env },
    deathSignal: "TERM",
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  for (;;) {
    const ok = await fetch(new URL(pathOf(operationsRoutes.ready), url), { signal: AbortSignal.timeout(2_000) }).then(
      async (res) => {
        await res.body?.cancel();
        return res.ok;
      },
      () => false,
    );
    if (ok) break;
    if (proc.child.exitCode !== null) {
      throw new Error(
        `${tree}: the server exited before it was ready; see ${logFile}:\n${readFileSync(logFile, "utf8")}`,
      );
    }
    if (performance.now() - started > 120_000) {
      await proc.stop("SIGKILL");
      throw new Error(`${tree}: the server was not ready after 120 s; see ${logFile}`);
    }
    await sleep(5);
  }
  return {
    url,
    port: listen,
    pid: proc.pid,
    dataDir: data,
    logFile,
    readyMs: performance.now() - started,
    stop: (signal = "SIGTERM") => proc.stop(signal, 15_000),
  };
}

/** What a benchmark server needs besides the test ground's environment. */
export function benchServerEnv(extra = {}) {
  return {
    NODE_ENV: "production",
    LEASEHOLD_ROOT_KEY: randomBytes(32).toString("base64"),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
export const closeAgent = () => agent.destroy();

/** One HTTP exchange on a keep-alive pool: status, headers and the body parsed as JSON when it is. */
export function request(url, method, path, { body, headers = {} } = {}) {
  const target = new URL(path, url);
  const data = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: `${target.pathname}${target.search}`,
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
        res.on("end", () => {
          let parsed;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolvePromise({ status: res.statusCode, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/** `request` for a route of the typed client's tables (client/core/routes), with its path parameters. */
export const requestRoute = (url, route, { params, ...options } = {}) =>
  request(url, route.method, pathOf(route, params), options);

/**
 * First-run setup through the API; resolves with a client that sends the admin's session cookie,
 * CSRF token and Origin, and the project's default location.
 */
export async function signInAsFirstAdmin(url) {
  const setup = await requestRoute(url, authRoutes.setup, {
    body: {
      name: "Bench Admin",
      email: "bench@example.com",
      password: "correct horse battery staple",
      organizationName: "Bench",
      projectName: "Bench",
    },
  });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${setup.text}`);
  const cookie = setup.headers["set-cookie"][0].split(";")[0];
  const headers = { cookie, origin: url, "x-csrf-token": setup.body.csrfToken };
  /** A route of client/core/routes, called as the admin: `{ params, body }`. */
  const call = (route, { params, body } = {}) => requestRoute(url, route, { params, body, headers });
  /** The call, throwing unless it answered 200. */
  const ok = async (route, options) => {
    const res = await call(route, options);
    if (res.status !== 200) throw new Error(`${route.operationId}: ${res.status} ${res.text}`);
    return res.body;
  };
  return {
    call,
    ok,
    session: setup.body,
    location: { projectSlug: setup.body.project.slug, environmentSlug: "dev", path: "/" },
  };
}
