// Compiles the server (server/index.ts and what it imports from server/ and shared/) into
// one ES module, dist/server/index.mjs, that plain `node` runs: no tsx, no TypeScript
// compiler and no bundler in the running process. npm packages stay external (resolved
// from node_modules at run time, as before), so native and wasm packages load as they are.
// The SQL migrations are copied beside it, where server/db/migrate.ts looks for them.
// Used by start.mjs, `npm run build` and the test ground; a build is written to a
// staging folder and renamed into place, so a reader never sees half a file.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { newestMtime } from "./mtime.mjs";
import { root } from "./run.mjs";

const SOURCES = ["server", "shared", "package.json", "package-lock.json"];
const OUT_DIR = join(root, "dist/server");
export const SERVER_ENTRY = join(OUT_DIR, "index.mjs");

function serverBuildIsStale() {
  if (!existsSync(SERVER_ENTRY)) return true;
  const built = statSync(SERVER_ENTRY).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

async function buildServer() {
  const { build } = await import("esbuild");
  mkdirSync(OUT_DIR, { recursive: true });
  // Migrations first: the new index.mjs appears only once what it reads is in place.
  rmSync(join(OUT_DIR, "migrations"), { recursive: true, force: true });
  cpSync(join(root, "server/db/migrations"), join(OUT_DIR, "migrations"), { recursive: true });
  const staging = join(OUT_DIR, `.build-${process.pid}`);
  await build({
    absWorkingDir: root,
    entryPoints: ["server/index.ts"],
    outfile: join(staging, "index.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "warning",
  });
  renameSync(join(staging, "index.mjs.map"), `${SERVER_ENTRY}.map`);
  renameSync(join(staging, "index.mjs"), SERVER_ENTRY);
  rmSync(staging, { recursive: true, force: true });
  return SERVER_ENTRY;
}

/** Resolves true when dist/server is up to date (built now or before). */
export async function ensureServerBuild({ force = false } = {}) {
  if (!force && !serverBuildIsStale()) return true;
  console.log("[server-build] esbuild → dist/server/index.mjs");
  try {
    await buildServer();
    return true;
  } catch (error) {
    console.error(`[server-build] failed: ${error.message}`);
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit((await ensureServerBuild({ force: process.argv.includes("--force") })) ? 0 : 1);
}
