// Playwright globalSetup: moto plus the real server (fresh temp data dir,
// PGlite) on free ports. Runs in Playwright's main process before the workers
// start, so the URLs set in process.env here reach playwright.config.ts
// (baseURL) and the specs in the workers. The returned function is the
// teardown: both stopped by pid.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startMoto } from "./moto.ts";
import { repoRoot } from "./paths.ts";
import { startServer } from "./server-process.ts";

export default async function e2eSetup() {
  if (process.env.LEASEHOLD_E2E_BASE_URL) return; // pointed at a server someone else runs

  // The server serves dist/web; build it when its sources changed.
  const build = spawnSync(process.execPath, [join(repoRoot, "scripts/lib/web-build.mjs")], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("building the web app failed");

  const started = Date.now();
  const moto = await startMoto();
  const server = await startServer({ motoUrl: moto.url }).catch(async (error: unknown) => {
    await moto.stop();
    throw error;
  });
  process.env.LEASEHOLD_E2E_BASE_URL = server.url;
  process.env.LEASEHOLD_E2E_MOTO_URL = moto.url;
  process.env.LEASEHOLD_E2E_SERVER_LOG = server.logFile;
  console.log(`[e2e] server ${server.url} (pid ${server.pid}), moto ${moto.url}, ready in ${Date.now() - started} ms`);

  return async () => {
    await server.stop();
    await moto.stop();
  };
}
