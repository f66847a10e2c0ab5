import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentedRoutes } from "#client/core/routes/all.ts";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { authRoutes } from "#client/core/routes/auth.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const UUID = "00000000-0000-4000-8000-000000000000";
/**
 * Routes anyone may call: they carry their credential in the body, or they create one, or (the session
 * check) "nobody is signed in" is their answer.
 */
const PUBLIC = [
  authRoutes.setupStatus,
  authRoutes.setup,
  authRoutes.login,
  authRoutes.logout,
  authRoutes.session,
  authRoutes.acceptInvite,
  awsAuthRoutes.login,
  tokenRoutes.renew,
  tokenRoutes.revoke,
  authRoutes.serverInfo,
].map((route) => `${route.method} ${route.path}`);

describe("authentication comes before validation", () => {
  it("the routes marked public in the OpenAPI document are exactly the expected ones", async () => {
    const doc = (await server.client().send(operationsRoutes.openapi)).body;
    const open: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { security?: unknown[] }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (Array.isArray(operation.security) && operation.security.length === 0)
          open.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it("every other route answers an anonymous, malformed request with 401, never a 400 with its rules", async () => {
    const doc = (await server.client().send(operationsRoutes.openapi)).body;
    const client = server.client();
    let checked = 0;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (PUBLIC.includes(route)) continue;
        // The document's operation as the client's route tables know it (the contract test keeps them equal).
        const known = documentedRoutes.find((r) => `${r.method} ${r.path}` === route);
        if (!known) throw new Error(`${route} is in the OpenAPI document but in no route table`);
        // A path parameter that is not a UUID and a body that fits no schema: both would be 400s.
        const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, "not-a-uuid"]));
        const body = method === "get" ? undefined : { name: 42, __unexpected: true };
        const res = await client.send(known, { params, query: { page: -1, limit: "abc" }, body });
        expect({ route, status: res.status, issues: res.body?.issues }).toEqual({
          route,
          status: 401,
          issues: undefined,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("an unauthenticated POST /api/v1/app-connections/aws with a malformed body is a 401", async () => {
    const res = await server.client().send(appConnectionRoutes.create, { body: { method: "nope", credentials: 5 } });
    expect(res.status).toBe(401);
    expect(res.body.reasonCode).toBe("unauthenticated");
    expect(res.body.issues).toBeUndefined();
  });

  it("an invalid bearer token is refused before validation, with its reason", async () => {
    const res = await server.client().send(awsAuthRoutes.attach, {
      params: { identityId: UUID },
      body: { accessTokenTTL: -1 },
      headers: { authorization: "Bearer lh_not_a_real_token" },
    });
    expect(res.status).toBe(401);
    expect(res.body.issues).toBeUndefined();
  });
});
