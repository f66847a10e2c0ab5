// What integration tests read: the shared moto and, on the PostgreSQL pass,
// the shared cluster. Started once per run by global-setup.ts.
//
//   import { getTestGround, createDatabase } from "./index.ts";
//   const ground = getTestGround();
//   const databaseUrl = ground.dbKind === "postgres" ? await createDatabase(ground.postgresAdminUrl!) : null;
//
// The shared moto is never reset (test files run in parallel): use unique names.
// A test that needs moto's authenticating mode starts its own with startMoto().
import { inject } from "vitest";

export interface TestGround {
  motoUrl: string;
  dbKind: "pglite" | "postgres";
  postgresAdminUrl: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    leaseholdGround: TestGround;
  }
}

export function getTestGround(): TestGround {
  const ground = inject("leaseholdGround");
  if (!ground) {
    throw new Error("no test ground: getTestGround() works in the vitest `integration` project only");
  }
  return ground;
}

export { MOTO_ACCOUNT_ID, type Moto, resetMotoAuth, startMoto } from "./moto.ts";
export { createDatabase } from "./postgres.ts";
export { type RunningServer, startServer } from "./server-process.ts";
