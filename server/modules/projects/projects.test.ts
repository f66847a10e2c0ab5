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

async function person(email: string) {
  const invite = (await admin.send(memberRoutes.add, { params: { orgId: session.organization.id }, body: { email } }))
    .body;
  const client = server.client();
  await client.send(authRoutes.acceptInvite, {
    body: { token: new URL(invite.setupLink).searchParams.get("token"), name: email, password: TEST_PASSWORD },
  });
  return { client, userId: invite.member.userId as string };
}

describe("projects", () => {
  it("creates, lists, renames and deletes", async () => {
    const created = await admin.send(projectRoutes.create, { body: { name: "Data Platform" } });
    expect(created.status).toBe(200);
    const project = created.body.project;
    expect(project.slug).toBe("data-platform");
    expect(project.environments).toHaveLength(3);
    const list = (await admin.send(projectRoutes.list, { query: { search: "data" } })).body;
    expect(list.projects.map((p: { id: string }) => p.id)).toContain(project.id);
    const renamed = await admin.send(projectRoutes.update, {
      params: { projectId: project.id },
      body: { name: "Data" },
    });
    expect(renamed.body.project.name).toBe("Data");
    expect((await admin.send(projectRoutes.delete, { params: { projectId: project.id } })).status).toBe(200);
    expect((await admin.send(projectRoutes.get, { params: { projectId: project.id } })).status).toBe(404);
  });

  it("keeps slugs unique within the org, with the field named", async () => {
    const res = await admin.send(projectRoutes.create, { body: { name: "Again", slug: session.project.slug } });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: ["slug"] })]);
    const bad = await admin.send(projectRoutes.create, { body: { name: "Bad", slug: "Not A Slug" } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["slug"]);
  });

  it("adds, renames and deletes environments", async () => {
    const projectId = session.project.id;
    const env = (
      await admin.send(projectRoutes.createEnvironment, { params: { projectId }, body: { name: "QA", slug: "qa" } })
    ).body.environment;
    expect(env.position).toBe(3);
    expect(
      (
        await admin.send(projectRoutes.createEnvironment, {
          params: { projectId },
          body: { name: "QA again", slug: "qa" },
        })
      ).status,
    ).toBe(400);
    const params = { projectId, environmentId: env.id };
    expect(
      (await admin.send(projectRoutes.updateEnvironment, { params, body: { name: "Quality" } })).body.environment.name,
    ).toBe("Quality");
    expect((await admin.send(projectRoutes.deleteEnvironment, { params })).status).toBe(200);
    expect((await admin.send(projectRoutes.updateEnvironment, { params, body: { name: "Gone" } })).status).toBe(404);
  });

  it("gives people access by project role", async () => {
    const { client: dev, userId } = await person("dev@example.com");
    expect((await dev.send(projectRoutes.get, { params: { projectId: session.project.id } })).status).toBe(404);
    expect((await dev.send(projectRoutes.list)).body.projects).toEqual([]);

    const add = await admin.send(projectRoutes.addMembership, {
      params: { projectId: session.project.id },
      body: { userId, role: "viewer" },
    });
    expect(add.status).toBe(200);
    expect(
      (
        await admin.send(projectRoutes.addMembership, {
          params: { projectId: session.project.id },
          body: { userId, role: "viewer" },
        })
      ).status,
    ).toBe(409);
    expect((await dev.send(projectRoutes.get, { params: { projectId: session.project.id } })).status).toBe(200);
    expect(
      (await dev.send(projectRoutes.update, { params: { projectId: session.project.id }, body: { name: "Mine" } }))
        .status,
    ).toBe(403);
    expect(
      (
        await dev.send(projectRoutes.createEnvironment, {
          params: { projectId: session.project.id },
          body: { name: "X", slug: "x" },
        })
      ).status,
    ).toBe(403);

    const membershipId = add.body.membership.id;
    await admin.send(projectRoutes.updateMembership, {
      params: { projectId: session.project.id, membershipId },
      body: { role: "admin" },
    });
    expect(
      (
        await dev.send(projectRoutes.update, {
          params: { projectId: session.project.id },
          body: { name: "Payments v2" },
        })
      ).status,
    ).toBe(200);
    await admin.send(projectRoutes.removeMembership, { params: { projectId: session.project.id, membershipId } });
    expect((await dev.send(projectRoutes.get, { params: { projectId: session.project.id } })).status).toBe(404);
  });

  it("refuses to add someone outside the organisation", async () => {
    const other = await server.createOtherOrgAdmin();
    const res = await admin.send(projectRoutes.addMembership, {
      params: { projectId: session.project.id },
      body: { userId: other.userId, role: "viewer" },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toEqual(["userId"]);
  });
});

describe("tenant isolation", () => {
  it("gives another organisation's admin 404 for this org's project, members and audit log", async () => {
    const { client: other } = await server.createOtherOrgAdmin("Globex");
    const orgId = session.organization.id;
    const projectId = session.project.id;
    for (const { route, params } of [
      { route: projectRoutes.get, params: { projectId } },
      { route: projectRoutes.listMemberships, params: { projectId } },
      { route: memberRoutes.list, params: { orgId } },
      { route: auditRoutes.list, params: { orgId } },
    ]) {
      const res = await other.send(route, { params });
      expect(res.status, route.path).toBe(404);
    }
    expect((await other.send(projectRoutes.update, { params: { projectId }, body: { name: "Pwned" } })).status).toBe(
      404,
    );
    expect((await other.send(projectRoutes.delete, { params: { projectId } })).status).toBe(404);
    expect(
      (await other.send(projectRoutes.createEnvironment, { params: { projectId }, body: { name: "X", slug: "x" } }))
        .status,
    ).toBe(404);
    expect((await other.send(projectRoutes.list)).body.projects).toEqual([]);
  });
});
