// The route tables (client/core/routes/) against the server's own OpenAPI document: the same operations, each with
// the same method and path, so an API path written in the client can never drift from the route that serves it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { documentedRoutes } from "#client/core/routes/all.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { createTestServer, type TestServer } from "../../test/ground/in-process-server.ts";

describe("the client's route tables", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it("list every operation of the OpenAPI document, with its method and path, and nothing else", async () => {
    const answer = await server.app.request(`http://localhost${operationsRoutes.openapi.path}`);
    const document = (await answer.json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const served = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, { operationId }]) => `${operationId} ${method.toUpperCase()} ${path}`),
    );
    const known = documentedRoutes.map((route) => `${route.operationId} ${route.method} ${route.path}`);
    expect(new Set(known).size).toBe(known.length);
    expect([...known].sort()).toEqual([...served].sort());
  });

  it("reach the operators' routes outside the document", async () => {
    for (const route of [operationsRoutes.health, operationsRoutes.ready, operationsRoutes.docs]) {
      const answer = await server.app.request(`http://localhost${route.path}`);
      expect(answer.status, route.path).toBe(200);
    }
    // Off unless LEASEHOLD_METRICS_TOKEN is set.
    expect((await server.app.request(`http://localhost${operationsRoutes.metrics.path}`)).status).toBe(404);
  });

  it("fill path parameters URL-encoded, so a value can never name another route", () => {
    const [route] = documentedRoutes.filter((r) => r.operationId === "getIdentity");
    expect(pathOf(route!, { identityId: "../organizations" })).toBe(
      route!.path.replace("{identityId}", "..%2Forganizations"),
    );
    expect(() => pathOf(route!, {})).toThrow(/identityId/);
  });
});
