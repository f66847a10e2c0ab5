// vitest globalSetup of the `integration` project: one moto for the whole run
// and, when LEASEHOLD_TEST_DB=postgres, one PostgreSQL cluster. Both are
// stopped by pid at teardown (and die with this process in any case).
import type { TestProject } from "vitest/node";
import type { TestGround } from "./index.ts";
import { startMoto } from "./moto.ts";
import { type PostgresCluster, startPostgresCluster } from "./postgres.ts";

export function testDbKind(): TestGround["dbKind"] {
  const kind = process.env.LEASEHOLD_TEST_DB ?? "pglite";
  if (kind !== "pglite" && kind !== "postgres") {
    throw new Error(`LEASEHOLD_TEST_DB must be pglite or postgres, not ${kind}`);
  }
  return kind;
}

export default async function setup(project: TestProject) {
  const dbKind = testDbKind();
  const started = Date.now();
  const [moto, cluster] = await Promise.all([
    startMoto(),
    dbKind === "postgres" ? startPostgresCluster() : Promise.resolve<PostgresCluster | null>(null),
  ]);
  project.provide("leaseholdGround", { motoUrl: moto.url, dbKind, postgresAdminUrl: cluster?.adminUrl ?? null });
  console.log(
    `[ground] moto ${moto.url}${cluster ? `, postgres ${cluster.adminUrl}` : ""}, ` +
      `db=${dbKind} (${Date.now() - started} ms)`,
  );

  return async () => {
    await Promise.all([moto.stop(), cluster?.stop()]);
  };
}
