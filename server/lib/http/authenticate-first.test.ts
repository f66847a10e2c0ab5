import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  "GET /api/v1/setup/status",
  "POST /api/v1/setup",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "GET /api/v1/auth/session",
  "POST /api/v1/auth/accept-invite",
  "POST /api/v1/auth/aws-auth/login",
  "POST /api/v1/auth/token/renew",
  "POST /api/v1/auth/token/revoke",
  "GET /api/v1/server-info",
];

describe("authentication comes before validation", () => {
  it("the routes marked public in the OpenAPI document are exactly the expected ones", async () => {
    const doc = (await server.client().get("/api/docs/openapi.json")).body;
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
    const doc = (await server.client().get("/api/docs/openapi.json")).body;
    const client = server.client();
    let checked = 0;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (PUBLIC.includes(route)) continue;
        // A path parameter that is not a UUID and a body that fits no schema: both would be 400s.
        const url = `${path.replace(/\{[^}]+\}/g, "not-a-uuid")}?page=-1&limit=abc`;
        const body = method === "get" ? undefined : { name: 42, __unexpected: true };
        const res = await client.request(method.toUpperCase(), url, body);
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
    const res = await server.client().post("/api/v1/app-connections/aws", { method: "nope", credentials: 5 });
    expect(res.status).toBe(401);
    expect(res.body.reasonCode).toBe("unauthenticated");
    expect(res.body.issues).toBeUndefined();
  });

  it("an invalid bearer token is refused before validation, with its reason", async () => {
    const res = await server.client().request(
      "POST",
      `/api/v1/auth/aws-auth/identities/${UUID}`,
      { accessTokenTTL: -1 },
      {
        authorization: "Bearer lh_not_a_real_token",
      },
    );
    expect(res.status).toBe(401);
    expect(res.body.issues).toBeUndefined();
  });
});
