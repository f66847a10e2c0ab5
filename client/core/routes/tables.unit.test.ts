import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { AnyRoute } from "../route.ts";
import { documentedRoutes } from "./all.ts";
import type { appConnectionRoutes } from "./app-connections.ts";
import type { auditRoutes } from "./audit.ts";
import type { authRoutes } from "./auth.ts";
import type { awsAuthRoutes } from "./aws-auth.ts";
import type { dynamicSecretRoutes } from "./dynamic-secrets.ts";
import type { identityRoutes } from "./identities.ts";
import type { leaseRoutes } from "./leases.ts";
import type { memberRoutes } from "./members.ts";
import { operationsRoutes } from "./operations.ts";
import type { projectRoutes } from "./projects.ts";
import type { tokenRoutes } from "./tokens.ts";

// The dashboard's production build reads answers without checking them (decision 1311). That is only sound if an
// answer's JSON is already the type the route promises: no response schema may transform or default a value. Checked
// by the compiler: `Unchanged` is `true` for a route whose response schema's input and output types are the same.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SchemaOf<Check> = Check extends () => Promise<infer Schema> ? Schema : Check;
type Unchanged<R> = R extends { response: infer Check }
  ? SchemaOf<Check> extends z.ZodType
    ? Same<z.input<SchemaOf<Check>>, z.output<SchemaOf<Check>>>
    : true
  : false;
type AllUnchanged<Table> = Table extends unknown
  ? { [Name in keyof Table]: Unchanged<Table[Name]> }[keyof Table]
  : never;
type Tables = [
  typeof appConnectionRoutes,
  typeof auditRoutes,
  typeof authRoutes,
  typeof awsAuthRoutes,
  typeof dynamicSecretRoutes,
  typeof identityRoutes,
  typeof leaseRoutes,
  typeof memberRoutes,
  typeof projectRoutes,
  typeof tokenRoutes,
];

describe("the route tables", () => {
  it("promise answers that are their JSON as it comes (no response schema transforms or defaults)", () => {
    expectTypeOf<AllUnchanged<Tables[number]>>().toEqualTypeOf<true>();
  });

  it("name, for every route, a response check that exists (a lazy one imports a schema with safeParse)", async () => {
    const routes: AnyRoute[] = [...documentedRoutes, ...Object.values(operationsRoutes)];
    for (const route of routes) {
      const check = typeof route.response === "function" ? await route.response() : route.response;
      expect(typeof check?.safeParse, route.operationId).toBe("function");
    }
  });

  it("carry body and query types only: no schema is there at run time", () => {
    for (const route of documentedRoutes) {
      for (const part of [route.body, route.query]) {
        if (part !== undefined) expect(part, route.operationId).toEqual({ typeOnly: true });
      }
    }
  });
});
