import { mkdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { createPgliteDataDir } from "./pglite-init.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A database handle or a transaction: repos accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: "postgres"; url: string; maxConnections?: number }
  | { kind: "pglite"; dataDir: string | null /* null: in memory */ };

/**
 * PGlite's PostgreSQL as Leasehold runs it (docs/decisions/0910-server-memory.md):
 * - shared_buffers 16 MB, not initdb's 128 MB. Emscripten zero-fills shared memory when it is
 *   mapped, so every buffer is resident from the start whether used or not (145 MB of shared
 *   memory → 24 MB). Leasehold's working set is a few MB of rows; a miss is a read from the OS
 *   page cache through the WASM file system.
 */
const PGLITE_OPTIONS = {
  startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
};

/**
 * PostgreSQL's WASM stays on V8's baseline compiler (Liftoff), without the optimising tier:
 * TurboFan's code and compile memory for the hot part of PostgreSQL cost 60–80 MB of resident
 * memory and over a second of CPU in the first minutes, for ~10 % faster queries (decision
 * 0910). A V8 flag is read when a module is compiled, so it is set before PGlite compiles its
 * module; only PGlite compiles WASM of any size in this process.
 */
function compileWasmWithLiftoffOnly() {
  v8.setFlagsFromString("--liftoff-only");
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 20 });
    // A dead idle connection must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => pool.end() };
  }
  let client: PGlite;
  compileWasmWithLiftoffOnly();
  if (options.dataDir) {
    const dir = path.resolve(options.dataDir, "pglite");
    // PGlite creates only the last folder of its path, so make the parents first.
    mkdirSync(path.dirname(dir), { recursive: true });
    await createPgliteDataDir(dir);
    client = await PGlite.create(dir, PGLITE_OPTIONS);
  } else {
    client = await PGlite.create(PGLITE_OPTIONS);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
