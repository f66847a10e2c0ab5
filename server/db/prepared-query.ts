import type { Db } from "./client.ts";

/**
 * A prepared statement per database handle, built on first use. For the queries on every
 * login and every API call, and the lookups every dynamic-secret and lease request starts
 * with: drizzle then builds their SQL once, and PostgreSQL parses and plans them once per
 * connection. Measured in bench/login.mjs, this halves the token check on PGlite. Only for
 * the root handle: a transaction gets its own.
 */
export function preparedPerDb<Prepared>(prepare: (db: Db) => Prepared): (db: Db) => Prepared {
  const cache = new WeakMap<Db, Prepared>();
  return (db) => {
    let prepared = cache.get(db);
    if (!prepared) {
      prepared = prepare(db);
      cache.set(db, prepared);
    }
    return prepared;
  };
}
