import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { authRoutes } from "#client/core/routes/auth.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { notARoute } from "../test/ground/api-client.ts";
import { createTestServer, type TestServer } from "../test/ground/in-process-server.ts";
import { createApp } from "./app.ts";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

describe("the HTTP shell", () => {
  it("answers liveness and readiness", async () => {
    const client = server.client();
    expect((await client.send(operationsRoutes.health)).body).toEqual({ status: "ok" });
    expect((await client.send(operationsRoutes.ready)).body).toEqual({ status: "ready" });
  });

  it("puts a request ID on every response and in error bodies", async () => {
    const res = await server.client().send(projectRoutes.list);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: "Unauthorized", requestId: id });
  });

  it("sends the security headers", async () => {
    const res = await server.client().send(operationsRoutes.health);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("sends HSTS when served over https", async () => {
    const https = await createTestServer({ env: { LEASEHOLD_PUBLIC_URL: "https://leasehold.example.com" } });
    try {
      expect((await https.client().send(operationsRoutes.health)).headers.get("strict-transport-security")).toContain(
        "max-age=",
      );
    } finally {
      await https.close();
    }
  });

  it("refuses bodies over 64 KiB with 413", async () => {
    const res = await server
      .client()
      .send(authRoutes.login, { body: { email: "a@example.com", password: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: expect.stringContaining("64 KiB") });
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await server
      .client()
      .send(authRoutes.login, { body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.requestId).toBeTruthy();
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const res = await server.client().send(notARoute("GET", "/api/v1/nope"));
    expect(res.status).toBe(404);
    expect(res.body.reasonCode).toBe("not_found");
  });

  it("hides the details of unexpected errors and logs them with the request ID", async () => {
    const services = {
      ...server.services,
      projects: { ...server.services.projects, list: () => Promise.reject(new Error("pg password=hunter2 refused")) },
    };
    const app = createApp({ core: server.core, services });
    const { client } = await server.setupFirstAdmin();
    const cookie = client.cookie!;
    const res = await app.request(`http://localhost${pathOf(projectRoutes.list)}`, {
      headers: { cookie, host: "localhost" },
    });
    const body = (await res.json()) as { requestId: string };
    expect(res.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    const logged = server.logs.find((line) => line.includes(body.requestId) && line.includes("unhandled error"));
    expect(logged).toBeTruthy();
  });

  it("publishes an OpenAPI 3.1 document built from the shared schemas", async () => {
    const doc = (await server.client().send(operationsRoutes.openapi)).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths[projectRoutes.create.path].post.operationId).toBe("createProject");
    expect(doc.paths[projectRoutes.create.path].post.requestBody.content["application/json"].schema).toBeTruthy();
  });

  it("serves the API reference from the package, not a CDN", async () => {
    const page = await server.client().send(operationsRoutes.docs);
    const bundlePath = pathOf(operationsRoutes.docsAsset, { file: "swagger-ui-bundle.js" });
    expect(page.text).toContain(bundlePath);
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await server.app.request(`http://localhost${bundlePath}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
  });
});

describe("text PostgreSQL cannot store", () => {
  it("refuses NUL characters in bodies and query strings with 400", async () => {
    const client = server.client();
    const body = await client.send(authRoutes.login, {
      body: '{"email":"a\\u0000@example.com","password":"x"}',
      headers: { "content-type": "application/json" },
    });
    expect(body.status).toBe(400);
    expect((await client.send(projectRoutes.list, { query: { search: "\u0000" } })).status).toBe(400);
    // An undecodable percent-escape, sent raw: a `query` value would be re-encoded (% as %25) and decode cleanly.
    const undecodable = notARoute("GET", `${pathOf(projectRoutes.list)}?search=%E0%A4%A`);
    expect((await client.send(undecodable)).status).toBe(400);
  });
});
