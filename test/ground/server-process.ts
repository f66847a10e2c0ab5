// The real Leasehold server as a child process, for e2e, fuzz and multi-instance tests: the
// compiled dist/server/index.mjs under plain node, as `npm start` runs it, rebuilt first when
// its sources changed.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// Relative paths: this file is also loaded outside vitest (Playwright's globalSetup, tsx scripts, benches).
import { pathOf } from "../../client/core/route.ts";
import { operationsRoutes } from "../../client/core/routes/operations.ts";
import { repoRoot } from "./paths.ts";
import { answers, freePort, type GroundProcess, removeAtExit, spawnGround, waitUntil } from "./processes.ts";

export interface ServerOptions {
  motoUrl: string;
  /** LEASEHOLD_DATA_DIR; a fresh temp folder (removed on stop) when omitted. */
  dataDir?: string;
  /** Extra environment, e.g. DATABASE_URL to use PostgreSQL instead of PGlite. */
  env?: Record<string, string>;
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr, for secret-leak greps. */
  logFile: string;
  /** Graceful stop (SIGTERM). Pass "SIGKILL" to simulate a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The environment every test server gets: AWS pointed at moto, dummy keys. */
export function serverEnv(port: number, dataDir: string, motoUrl: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    LEASEHOLD_DATA_DIR: dataDir,
    // The CSRF check compares Origin with this; cookies over plain http.
    LEASEHOLD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LEASEHOLD_SECURE_COOKIES: "false",
    AWS_ENDPOINT_URL: motoUrl,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    // No instance metadata service here: do not wait for it.
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

let built = false;
/**
 * Brings dist/server up to date once per test process. Test workers start servers at the same
 * time, so the check and the build run under one lock (flock, util-linux): one builds, the
 * others then find it current.
 */
function ensureServerBuild() {
  if (built) return;
  execFileSync("flock", ["/tmp/leasehold-server-build.lock", process.execPath, "scripts/lib/server-build.mjs"], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  built = true;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  ensureServerBuild();
  const own = mkdtempSync(join(tmpdir(), "leasehold-server-"));
  removeAtExit(own);
  const dataDir = options.dataDir ?? join(own, "data");
  const logFile = join(own, "server.log");
  const log = createWriteStream(logFile);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ...serverEnv(port, dataDir, options.motoUrl), ...options.env };
  delete env.NODE_OPTIONS; // a caller's --inspect or loader must not leak into the server

  // node itself rather than `npm start`: the pid is the server's own, and npm would not pass SIGTERM on.
  const proc: GroundProcess = spawnGround(process.execPath, ["dist/server/index.mjs"], {
    cwd: repoRoot,
    env,
    deathSignal: "TERM",
    tee: log,
  });
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    await proc.stop(signal, 10_000);
    log.end();
    // Keep the log (tests grep it after stop); the data dir only if we made it.
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntil("dist/server/index.mjs", () => answers(`${url}${pathOf(operationsRoutes.ready)}`, true), {
      proc,
      timeoutMs: 60_000,
    });
  } catch (error) {
    await stop("SIGKILL");
    throw error;
  }
  return { url, port, pid: proc.pid, dataDir, logFile, stop };
}
