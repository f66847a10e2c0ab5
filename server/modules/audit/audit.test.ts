import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { authRoutes } from "#client/core/routes/auth.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ApiClient } from "../../../test/ground/api-client.ts";
import {
  createTestServer,
  type SetupBody,
  TEST_PASSWORD,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";

let server: TestServer;
let admin: ApiClient;
let session: SetupBody;

beforeAll(async () => {
  server = await createTestServer();
  ({ client: admin, session } = await server.setupFirstAdmin());
});
afterAll(() => server.close());

describe("audit log", () => {
  it("records every write with who, what, where and from which address", async () => {
    const project = (
      await admin.send(projectRoutes.create, { body: { name: "Audited" }, headers: { "user-agent": "audit-test/1.0" } })
    ).body.project;
    const res = await admin.send(auditRoutes.list, {
      params: { orgId: session.organization.id },
      query: { action: "project.create", projectId: project.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(1);
    expect(res.body.auditLogs[0]).toMatchObject({
      actorType: "user",
      actorId: session.user.id,
      actorName: session.user.email,
      action: "project.create",
      resourceType: "project",
      resourceId: project.id,
      userAgent: "audit-test/1.0",
      ipAddress: expect.any(String),
      requestId: expect.any(String),
    });
  });

  it("records setup, logins and failed writes are not recorded", async () => {
    const actions = (
      await admin.send(auditRoutes.list, { params: { orgId: session.organization.id }, query: { limit: 100 } })
    ).body.auditLogs.map((l: { action: string }) => l.action);
    expect(actions).toContain("org.setup");
    expect(actions).toContain("project.create");
    const before = (await admin.send(auditRoutes.list, { params: { orgId: session.organization.id } })).body.totalCount;
    await admin.send(projectRoutes.create, { body: { name: "Dup", slug: session.project.slug } });
    expect((await admin.send(auditRoutes.list, { params: { orgId: session.organization.id } })).body.totalCount).toBe(
      before,
    );
  });

  it("paginates and filters by time", async () => {
    const params = { orgId: session.organization.id };
    const page = (await admin.send(auditRoutes.list, { params, query: { limit: 1, offset: 1 } })).body;
    expect(page.auditLogs).toHaveLength(1);
    expect(page.totalCount).toBeGreaterThan(1);
    const future = (await admin.send(auditRoutes.list, { params, query: { from: "2999-01-01T00:00:00Z" } })).body;
    expect(future.totalCount).toBe(0);
    expect((await admin.send(auditRoutes.list, { params, query: { from: "yesterday" } })).status).toBe(400);
  });

  it("is readable by org admins only", async () => {
    const invite = (
      await admin.send(memberRoutes.add, {
        params: { orgId: session.organization.id },
        body: { email: "member@example.com" },
      })
    ).body;
    const member = server.client();
    await member.send(authRoutes.acceptInvite, {
      body: { token: new URL(invite.setupLink).searchParams.get("token"), name: "Member", password: TEST_PASSWORD },
    });
    expect((await member.send(auditRoutes.list, { params: { orgId: session.organization.id } })).status).toBe(403);
  });
});
