import { mkdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { PGlite, type QueryOptions, types } from "@electric-sql/pglite";
import { createPgliteDataDir } from "./pglite-init.ts";

/**
 * PGlite's PostgreSQL as Leasehold runs it (docs/decisions/0910-server-memory.md):
 * - shared_buffers 16 MB, not initdb's 128 MB. Emscripten zero-fills shared memory when it is
 *   mapped, so every buffer is resident from the start whether used or not (145 MB of shared
 *   memory → 24 MB). Leasehold's working set is a few MB of rows; a miss is a read from the OS
 *   page cache through the WASM file system.
 */
const START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/**
 * The type parsers drizzle-orm sends with every query (drizzle-orm/pglite/session.js): dates,
 * timestamps and intervals (and their arrays) stay text, which drizzle's columns then map.
 * PGlite answers a query that brings parsers by copying its whole parser table (~200 types,
 * arrays included) into a new object, on every query. Set once on the instance, the same
 * parsers apply without that copy (docs/decisions/0912-lease-and-login-time.md).
 */
const identity = (value: string) => value;
const DRIZZLE_PARSERS: Record<number, (value: string) => unknown> = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity, // numeric[]
  1115: identity, // timestamp[]
  1185: identity, // timestamptz[]
  1187: identity, // interval[]
  1182: identity, // date[]
};

type Queryable = Pick<PGlite, "query">;

/** `client` minus the per-query parsers, which the instance now holds (DRIZZLE_PARSERS). */
function withoutQueryParsers<T extends Queryable>(client: T): Queryable {
  return {
    query: (query: string, params?: unknown[], options?: QueryOptions) => {
      if (options?.parsers) {
        const { parsers: _sameAsTheInstance, ...rest } = options;
        return client.query(query, params, rest);
      }
      return client.query(query, params, options);
    },
  };
}

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

/**
 * Opens (creating when new) the embedded database in `dataDir`, or in memory when null. Resolves
 * with what drizzle needs of it: `query` and `transaction`, with the parsers above.
 */
export async function openPglite(dataDir: string | null) {
  compileWasmWithLiftoffOnly();
  let pglite: PGlite;
  if (dataDir) {
    const dir = path.resolve(dataDir, "pglite");
    // PGlite creates only the last folder of its path, so make the parents first.
    mkdirSync(path.dirname(dir), { recursive: true });
    await createPgliteDataDir(dir);
    pglite = await PGlite.create(dir, { startParams: START_PARAMS });
  } else {
    pglite = await PGlite.create({ startParams: START_PARAMS });
  }
  // After create: it fills in the array types' parsers, which these replace as drizzle's do.
  Object.assign(pglite.parsers, DRIZZLE_PARSERS);
  const client = {
    ...withoutQueryParsers(pglite),
    transaction: <T>(run: (tx: Queryable) => Promise<T>) => pglite.transaction((tx) => run(withoutQueryParsers(tx))),
  };
  return { client: client as unknown as PGlite, close: () => pglite.close() };
}
