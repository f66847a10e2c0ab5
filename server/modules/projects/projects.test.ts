import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  const invite = (await admin.post(`/api/v1/organizations/${session.organization.id}/members`, { email })).body;
  const client = server.client();
  await client.post("/api/v1/auth/accept-invite", {
    token: new URL(invite.setupLink).searchParams.get("token"),
    name: email,
    password: TEST_PASSWORD,
  });
  return { client, userId: invite.member.userId as string };
}

describe("projects", () => {
  it("creates, lists, renames and deletes", async () => {
    const created = await admin.post("/api/v1/projects", { name: "Data Platform" });
    expect(created.status).toBe(200);
    const project = created.body.project;
    expect(project.slug).toBe("data-platform");
    expect(project.environments).toHaveLength(3);
    const list = (await admin.get("/api/v1/projects?search=data")).body;
    expect(list.projects.map((p: { id: string }) => p.id)).toContain(project.id);
    const renamed = await admin.patch(`/api/v1/projects/${project.id}`, { name: "Data" });
    expect(renamed.body.project.name).toBe("Data");
    expect((await admin.delete(`/api/v1/projects/${project.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/projects/${project.id}`)).status).toBe(404);
  });

  it("keeps slugs unique within the org, with the field named", async () => {
    const res = await admin.post("/api/v1/projects", { name: "Again", slug: session.project.slug });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: ["slug"] })]);
    const bad = await admin.post("/api/v1/projects", { name: "Bad", slug: "Not A Slug" });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["slug"]);
  });

  it("adds, renames and deletes environments", async () => {
    const path = `/api/v1/projects/${session.project.id}/environments`;
    const env = (await admin.post(path, { name: "QA", slug: "qa" })).body.environment;
    expect(env.position).toBe(3);
    expect((await admin.post(path, { name: "QA again", slug: "qa" })).status).toBe(400);
    expect((await admin.patch(`${path}/${env.id}`, { name: "Quality" })).body.environment.name).toBe("Quality");
    expect((await admin.delete(`${path}/${env.id}`)).status).toBe(200);
    expect((await admin.patch(`${path}/${env.id}`, { name: "Gone" })).status).toBe(404);
  });

  it("gives people access by project role", async () => {
    const { client: dev, userId } = await person("dev@example.com");
    expect((await dev.get(`/api/v1/projects/${session.project.id}`)).status).toBe(404);
    expect((await dev.get("/api/v1/projects")).body.projects).toEqual([]);

    const add = await admin.post(`/api/v1/projects/${session.project.id}/memberships`, { userId, role: "viewer" });
    expect(add.status).toBe(200);
    expect(
      (await admin.post(`/api/v1/projects/${session.project.id}/memberships`, { userId, role: "viewer" })).status,
    ).toBe(409);
    expect((await dev.get(`/api/v1/projects/${session.project.id}`)).status).toBe(200);
    expect((await dev.patch(`/api/v1/projects/${session.project.id}`, { name: "Mine" })).status).toBe(403);
    expect(
      (await dev.post(`/api/v1/projects/${session.project.id}/environments`, { name: "X", slug: "x" })).status,
    ).toBe(403);

    const membershipId = add.body.membership.id;
    await admin.patch(`/api/v1/projects/${session.project.id}/memberships/${membershipId}`, { role: "admin" });
    expect((await dev.patch(`/api/v1/projects/${session.project.id}`, { name: "Payments v2" })).status).toBe(200);
    await admin.delete(`/api/v1/projects/${session.project.id}/memberships/${membershipId}`);
    expect((await dev.get(`/api/v1/projects/${session.project.id}`)).status).toBe(404);
  });

  it("refuses to add someone outside the organisation", async () => {
    const other = await server.createOtherOrgAdmin();
    const res = await admin.post(`/api/v1/projects/${session.project.id}/memberships`, {
      userId: other.userId,
      role: "viewer",
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
    for (const path of [
      `/api/v1/projects/${projectId}`,
      `/api/v1/projects/${projectId}/memberships`,
      `/api/v1/organizations/${orgId}/members`,
      `/api/v1/organizations/${orgId}/audit-logs`,
    ]) {
      const res = await other.get(path);
      expect(res.status, path).toBe(404);
    }
    expect((await other.patch(`/api/v1/projects/${projectId}`, { name: "Pwned" })).status).toBe(404);
    expect((await other.delete(`/api/v1/projects/${projectId}`)).status).toBe(404);
    expect((await other.post(`/api/v1/projects/${projectId}/environments`, { name: "X", slug: "x" })).status).toBe(404);
    expect((await other.get("/api/v1/projects")).body.projects).toEqual([]);
  });
});
