// Builds the web app (vite build → dist/web) when it is missing or older than
// its sources. Used by start.mjs, test-e2e.mjs and the dashboard benches (bench/web-ground.mjs).
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { newestMtime } from "./mtime.mjs";
import { binOf, root, runNode } from "./run.mjs";

const SOURCES = [
  "web",
  "shared",
  // The dashboard calls the API through the typed client's core (client/core: transport, route tables).
  "client/core",
  "public",
  "index.html",
  "vite.config.ts",
  "scripts/lib/precompress.ts",
  "scripts/lib/classic-script.ts",
];
const STAMP = join(root, "dist/web/index.html");
// --manifest writes dist/web/.vite/manifest.json (which file each module went to), for looking
// into the chunks; the server does not serve it.
const MANIFEST = join(root, "dist/web/.vite/manifest.json");

/** `needManifest`: the build must include .vite/manifest.json. */
function webBuildIsStale({ needManifest = false } = {}) {
  if (!existsSync(STAMP) || (needManifest && !existsSync(MANIFEST))) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

/** Resolves true when dist/web is up to date (built now or before). */
export async function ensureWebBuild({ force = false, needManifest = false } = {}) {
  if (!force && !webBuildIsStale({ needManifest })) {
    console.log("[web-build] dist/web is up to date");
    return true;
  }
  console.log("[web-build] vite build → dist/web");
  const code = await runNode(binOf("vite"), ["build", "--manifest"]);
  if (code !== 0) console.error(`[web-build] vite build failed (exit ${code})`);
  return code === 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit((await ensureWebBuild({ force: process.argv.includes("--force") })) ? 0 : 1);
}
