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

  it("0001 gives every existing AWS Auth config its token policy and every token its policy", async () => {
    const ground = getTestGround();
    const database =
      ground.dbKind === "postgres"
        ? await openDatabase({ kind: "postgres", url: await createDatabase(ground.postgresAdminUrl!) })
        : await openDatabase({ kind: "pglite", dataDir: null });
    try {
      const [initial, ...later] = loadMigrations();
      await runMigrations(database.db, [initial!]);
      const [org, identity, auth, token] = [
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
        "44444444-4444-4444-8444-444444444444",
      ];
      await database.db.execute(sql`insert into organizations (id, name) values (${org}, 'Acme')`);
      await database.db.execute(
        sql`insert into identities (id, org_id, name, role) values (${identity}, ${org}, 'ci', 'member')`,
      );
      await database.db.execute(sql`insert into identity_aws_auths (id, org_id, identity_id, sts_endpoint,
        access_token_ttl, access_token_max_ttl, access_token_num_uses_limit, access_token_trusted_ips)
        values (${auth}, ${org}, ${identity}, 'https://sts.amazonaws.com/', 60, 120, 3,
          '[{"ipAddress":"10.0.0.0/8"}]')`);
      await database.db.execute(sql`insert into identity_access_tokens (id, org_id, identity_id, auth_method,
        token_hash, access_token_ttl, access_token_max_ttl, expires_at, max_expires_at)
        values (${token}, ${org}, ${identity}, 'aws-auth', 'hash', 60, 120, now(), now())`);

      await runMigrations(database.db, [initial!, ...later]);
      const policies = await queryRows<Record<string, unknown>>(
        database.db,
        sql`select id, identity_id, auth_method, access_token_num_uses_limit, access_token_trusted_ips
          from identity_token_policies`,
      );
      expect(policies).toEqual([
        {
          id: auth,
          identity_id: identity,
          auth_method: "aws-auth",
          access_token_num_uses_limit: 3,
          access_token_trusted_ips: [{ ipAddress: "10.0.0.0/8" }],
        },
      ]);
      const tokens = await queryRows<{ token_policy_id: string }>(
        database.db,
        sql`select token_policy_id from identity_access_tokens`,
      );
      expect(tokens).toEqual([{ token_policy_id: auth }]);
    } finally {
      await database.close();
    }
  });
});
