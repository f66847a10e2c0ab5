import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getTestGround } from "../../test/ground/index.ts";
import { createDatabase } from "../../test/ground/postgres.ts";
import { openDatabase, queryRows } from "./client.ts";
import { loadMigrations, migrationsAreCurrent, runMigrations } from "./migrate.ts";

describe("migrations", () => {
  it("apply once and are idempotent", async () => {
    const ground = getTestGround();
    const database =
      ground.dbKind === "postgres"
        ? await openDatabase({ kind: "postgres", url: await createDatabase(ground.postgresAdminUrl!) })
        : await openDatabase({ kind: "pglite", dataDir: null });
    try {
      const first = await runMigrations(database.db);
      expect(first.applied).toEqual(loadMigrations().map((m) => m.tag));
      expect((await runMigrations(database.db)).applied).toEqual([]);
      expect(await migrationsAreCurrent(database.db)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it.runIf(getTestGround().dbKind === "postgres")(
    "run once when two instances start together on one PostgreSQL",
    async () => {
      const url = await createDatabase(getTestGround().postgresAdminUrl!);
      const [a, b] = await Promise.all([
        openDatabase({ kind: "postgres", url }),
        openDatabase({ kind: "postgres", url }),
      ]);
      try {
        const results = await Promise.all([runMigrations(a.db), runMigrations(b.db)]);
        const applied = results.flatMap((r) => r.applied);
        expect(applied).toEqual(loadMigrations().map((m) => m.tag));
        const rows = await queryRows<{ count: string }>(a.db, sql`select count(*) as count from leasehold_migrations`);
        expect(Number(rows[0]!.count)).toBe(loadMigrations().length);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    },
  );
});
