import { execFile } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { promisify } from "node:util";

/**
 * Creates a new PGlite data folder at `dir` in a short-lived child process.
 *
 * PGlite's initdb runs in the process that creates the folder and leaves it about 500 MB
 * larger for good: the WebAssembly memory is freed, but the allocator keeps the pages (decision
 * 0900 has the figures). Done in a child, the server opens a finished folder and starts at the
 * size of any restart. The child writes to a staging folder that is renamed into place, so a
 * first start killed half-way leaves no half-made database behind: the next start begins again.
 */
export async function createPgliteDataDir(dir: string): Promise<void> {
  if (existsSync(dir)) return;
  const staging = `${dir}.creating-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `require(${JSON.stringify(pglite)}).PGlite.create(${JSON.stringify(staging)})
    .then((db) => db.close())
    .catch((error) => { console.error(error); process.exit(1); });`;
  try {
    await promisify(execFile)(process.execPath, ["-e", script], { env: {}, timeout: 120_000 });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`Could not create the embedded database at ${dir}: ${detail}`);
  }
  renameSync(staging, dir);
}
