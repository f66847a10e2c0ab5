// Compiles the server (server/index.ts and what it imports from server/ and shared/) into
// one ES module, dist/server/index.mjs, that plain `node` runs: no tsx, no TypeScript
// compiler and no bundler in the running process. The npm packages it uses are bundled in
// too: resolving and loading ~400 files of node_modules (and scanning each CommonJS one for
// its exports) cost ~0.4 s of CPU at every start (docs/decisions/0911-server-start.md).
// Packages that load files of their own at run time stay external, resolved from
// node_modules: PGlite (its WASM and data files), the argon2 binding, pg's optional native
// driver, and swagger-ui-dist (its assets are read from disk).
// The SQL migrations are copied beside it, where server/db/migrate.ts looks for them.
// Used by start.mjs, `npm run build` and the test ground; a build is written to a
// staging folder and renamed into place, so a reader never sees half a file.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { newestMtime } from "./mtime.mjs";
import { root } from "./run.mjs";

const SOURCES = ["server", "shared", "package.json", "package-lock.json", "scripts/lib/server-build.mjs"];
const EXTERNAL = ["@electric-sql/pglite", "@node-rs/argon2", "pg-native", "swagger-ui-dist"];
const OUT_DIR = join(root, "dist/server");
export const SERVER_ENTRY = join(OUT_DIR, "index.mjs");

const BANNER = [
  // Bundled CommonJS packages call require() for Node's built-ins.
  'import { createRequire as __leaseholdRequire } from "node:module";',
  "const require = __leaseholdRequire(import.meta.url);",
  // Node 20's V8 (11.3) finds a function's line in a heap snapshot by scanning its script from the
  // top unless the script's line ends are cached, which makes a snapshot of a 100,000-line bundle
  // take many minutes (fixed in V8 11.5, Node 22). A stack trace caches them, once, for ~0.8 MB.
  'if (Number(process.versions.node.split(".")[0]) < 22) void new Error("caches this file\'s line ends").stack;',
].join("\n");

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
    external: EXTERNAL,
    banner: { js: BANNER },
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
