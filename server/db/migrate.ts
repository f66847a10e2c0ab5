import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "./client.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Any fixed 64-bit number; every Leasehold instance uses the same one.
const MIGRATION_LOCK_KEY = 7_201_734_411;

interface Migration {
  tag: string;
  statements: string[];
}

/** Reads the migrations drizzle-kit generated (meta/_journal.json + <tag>.sql). */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => ({
      tag,
      statements: readFileSync(path.join(dir, `${tag}.sql`), "utf8")
        .split("--> statement-breakpoint")
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory
 * lock, so two instances starting together on one PostgreSQL never both migrate:
 * the second waits, then finds nothing left to do.
 */
export async function runMigrations(db: Db, migrations = loadMigrations()): Promise<{ applied: string[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create table if not exists leasehold_migrations (
      tag text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set(
      (await queryRows<{ tag: string }>(tx, sql`select tag from leasehold_migrations`)).map((r) => r.tag),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.tag)) continue;
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into leasehold_migrations (tag) values (${migration.tag})`);
      applied.push(migration.tag);
    }
    return { applied };
  });
}

/** True when every migration shipped with this build has been applied. */
export async function migrationsAreCurrent(db: Db, migrations = loadMigrations()): Promise<boolean> {
  const applied = new Set(
    (await queryRows<{ tag: string }>(db, sql`select tag from leasehold_migrations`)).map((r) => r.tag),
  );
  return migrations.every((m) => applied.has(m.tag));
}
