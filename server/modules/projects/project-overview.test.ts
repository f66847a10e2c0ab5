// GET /projects/{projectId}/overview: the first-run steps' counts, each environment's counts and the recent
// activity, for anyone who can read the project, never across projects or organisations, in one SQL statement.

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { dynamicSecretLeases } from "../../db/schema.ts";
import { type LeaseWorld, leaseWorld, unique } from "../dynamic-secrets/dynamic-secrets.fixtures.ts";

// moto, not authenticating, accepts any key pair for an access-key connection.
const KEY = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

let world: LeaseWorld;
const overviewOf = (projectId: string, query: { activityLimit?: string } = {}, client = world.admin) =>
  client.send(projectRoutes.overview, { params: { projectId }, query });

beforeAll(async () => {
  world = await leaseWorld();
});
afterAll(() => world.close());

describe("a new project's overview", () => {
  it("has every step to do, zeros in each environment in order, and its creation as activity", async () => {
    const projectId = await world.createProject("Fresh");
    const res = await overviewOf(projectId);
    expect(res.status, res.text).toBe(200);
    const { overview } = res.body;
    expect(overview.projectId).toBe(projectId);
    expect(overview.setup).toEqual({
      appConnections: 0,
      connectedAppConnections: 0,
      dynamicSecrets: 0,
      identities: 0,
      hasLeases: false,
    });
    const project = (await world.admin.send(projectRoutes.get, { params: { projectId } })).body.project;
    expect(overview.environments).toEqual(
      ["dev", "staging", "prod"].map((slug) => ({
        environmentId: project.environments.find((e: { slug: string }) => e.slug === slug).id,
        dynamicSecrets: 0,
        activeLeases: 0,
        failedRevocations: 0,
      })),
    );
    expect(overview.recentActivity).toEqual([
      {
        id: expect.any(String),
        action: "project.create",
        resourceType: "project",
        resourceId: projectId,
        actorType: "user",
        actorName: world.session.user.email,
        subject: "Fresh",
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
  });
});

describe("a project in use", () => {
  let identityName: string;

  beforeAll(async () => {
    const connection = await world.admin.send(appConnectionRoutes.create, {
      body: { name: unique("org-aws"), method: "access-key", credentials: KEY },
    });
    expect(connection.status, connection.text).toBe(200);
    // Another project's own connection is not this project's to use.
    const other = await world.createProject();
    const elsewhere = await world.admin.send(appConnectionRoutes.create, {
      body: { name: unique("other-aws"), method: "access-key", projectId: other, credentials: KEY },
    });
    expect(elsewhere.status, elsewhere.text).toBe(200);

    const secret = await world.createSecret({ name: "dev-admin" });
    await world.createSecret({ name: "staging-admin", environmentSlug: "staging" });
    for (let i = 0; i < 3; i++) expect((await world.lease(secret.name)).status).toBe(200);

    identityName = unique("deploy-bot");
    const identity = (
      await world.admin.send(identityRoutes.create, { body: { name: identityName, organizationId: world.orgId } })
    ).body.identity;
    const member = await world.admin.send(identityRoutes.addMembership, {
      params: { identityId: identity.id },
      body: { projectId: world.projectId, role: "developer" },
    });
    expect(member.status, member.text).toBe(200);
  });

  it("counts what each step needs and each environment's secrets and leases", async () => {
    // One lease whose revocation failed: its credentials may still work, so the overview says so.
    await world.server.database.db
      .update(dynamicSecretLeases)
      .set({ status: "revoke_failed" })
      .where(
        sql`${dynamicSecretLeases.id} = (select id from dynamic_secret_leases where project_id = ${world.projectId}
          order by created_at limit 1)`,
      );
    const { overview } = (await overviewOf(world.projectId)).body;
    expect(overview.setup).toEqual({
      appConnections: 1,
      connectedAppConnections: 1,
      dynamicSecrets: 2,
      identities: 1,
      hasLeases: true,
    });
    const project = (await world.admin.send(projectRoutes.get, { params: { projectId: world.projectId } })).body
      .project;
    const bySlug = (slug: string) =>
      overview.environments.find(
        (e: { environmentId: string }) =>
          e.environmentId === project.environments.find((p: { slug: string }) => p.slug === slug).id,
      );
    expect(bySlug("dev")).toMatchObject({ dynamicSecrets: 1, activeLeases: 2, failedRevocations: 1 });
    expect(bySlug("staging")).toMatchObject({ dynamicSecrets: 1, activeLeases: 0, failedRevocations: 0 });
    expect(bySlug("prod")).toMatchObject({ dynamicSecrets: 0, activeLeases: 0, failedRevocations: 0 });
  });

  it("lists the newest activity first, naming what it was about, without addresses or metadata", async () => {
    const { overview } = (await overviewOf(world.projectId, { activityLimit: "5" })).body;
    expect(overview.recentActivity).toHaveLength(5);
    const [newest, ...rest] = overview.recentActivity;
    expect(newest).toMatchObject({ action: "identity-membership.add", subject: identityName, actorType: "user" });
    expect(rest.slice(0, 3).map((a: { action: string; subject: string }) => [a.action, a.subject])).toEqual([
      ["lease.create", "dev-admin"],
      ["lease.create", "dev-admin"],
      ["lease.create", "dev-admin"],
    ]);
    for (const entry of overview.recentActivity) {
      expect(Object.keys(entry).sort()).toEqual(
        ["action", "actorName", "actorType", "createdAt", "id", "resourceId", "resourceType", "subject"].sort(),
      );
    }
    const times = overview.recentActivity.map((a: { createdAt: string }) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("answers in one SQL statement, however many environments the project has", async () => {
    for (const slug of ["qa", "perf", "demo"]) {
      await world.admin.send(projectRoutes.createEnvironment, {
        params: { projectId: world.projectId },
        body: { name: slug, slug },
      });
    }
    const execute = vi.spyOn(world.server.database.db, "execute");
    try {
      const res = await overviewOf(world.projectId);
      expect(res.body.overview.environments).toHaveLength(6);
      expect(execute).toHaveBeenCalledTimes(1);
    } finally {
      execute.mockRestore();
    }
  });
});

describe("who may read it", () => {
  it("every project role reads it; a person outside the project, or another org, gets 404", async () => {
    for (const role of ["viewer", "developer", "admin"] as const) {
      const { client } = await world.person(role);
      const res = await overviewOf(world.projectId, {}, client);
      expect(res.status, `${role}: ${res.text}`).toBe(200);
      expect(res.body.overview.setup.dynamicSecrets).toBe(2);
    }
    const outsider = await world.person(null);
    expect((await overviewOf(world.projectId, {}, outsider.client)).status).toBe(404);
    const otherOrg = await world.server.createOtherOrgAdmin();
    const foreign = await overviewOf(world.projectId, {}, otherOrg.client);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain("dev-admin");
  });

  it("needs a signed-in caller", async () => {
    expect((await overviewOf(world.projectId, {}, world.server.client())).status).toBe(401);
  });

  it("refuses a bad project ID or activity limit with the field named, and a missing project with 404", async () => {
    const badId = await overviewOf("not-a-uuid");
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0].path).toEqual(["projectId"]);
    for (const limit of ["0", "51", "ten"]) {
      const res = await overviewOf(world.projectId, { activityLimit: limit });
      expect(res.status, limit).toBe(400);
      expect(res.body.issues[0].path).toEqual(["activityLimit"]);
    }
    expect((await overviewOf("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await world.server.client().send(operationsRoutes.openapi)).body;
    const operation = doc.paths[projectRoutes.overview.path].get;
    expect(operation.operationId).toBe("getProjectOverview");
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain("activityLimit");
  });
});
