import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import {
  bearerClient,
  createAwsIdentity,
  createIdentity,
  expectNotLogged,
  inviteMember,
  type Org,
  setupOrg,
} from "../aws-auth/identity.fixtures.ts";
import { signedLogin } from "../aws-auth/signed-login.fixtures.ts";
import { answerXml, callerIdentityXml, type StubSts, startStubSts } from "../aws-auth/stub-sts.fixtures.ts";

const ARN = "arn:aws:iam::123456789012:user/identities-test";
const credentials = { accessKeyId: "AKIAIDENTITIESTEST01", secretAccessKey: "identities-test-secret-not-real" };

describe("machine identities", () => {
  let server: TestServer;
  let stub: StubSts;
  let org: Org;
  const issued: string[] = [];

  async function tokenFor(identityId: string) {
    const res = await createApiClient(server.app, { peer: "198.51.100.60" }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId, credentials }),
    });
    expect(res.status, res.text).toBe(200);
    issued.push(res.body.accessToken);
    return bearerClient(server, res.body.accessToken, "198.51.100.60");
  }

  beforeAll(async () => {
    stub = await startStubSts(answerXml(callerIdentityXml(ARN)));
    server = await createTestServer({ env: { AWS_ENDPOINT_URL_STS: stub.url } });
    org = await setupOrg(server);
  });
  afterAll(async () => {
    expectNotLogged(server.logs, [...issued, credentials.secretAccessKey]);
    await server.close();
    await stub.close();
  });

  it("creates, reads, renames and deletes an identity", async () => {
    const created = await org.admin.send(identityRoutes.create, {
      body: { name: "  deploy-bot ", organizationId: org.orgId },
    });
    expect(created.status).toBe(200);
    const identity = created.body.identity;
    expect(identity).toMatchObject({ name: "deploy-bot", orgId: org.orgId, role: "member", authMethods: [] });
    expect(new Date(identity.createdAt).toISOString()).toBe(identity.createdAt);

    expect((await org.admin.send(identityRoutes.get, { params: { identityId: identity.id } })).body.identity).toEqual(
      identity,
    );
    const renamed = await org.admin.send(identityRoutes.update, {
      params: { identityId: identity.id },
      body: { name: "release-bot", role: "admin" },
    });
    expect(renamed.body.identity).toMatchObject({ name: "release-bot", role: "admin" });

    const removed = await org.admin.send(identityRoutes.delete, { params: { identityId: identity.id } });
    expect(removed.status).toBe(200);
    expect((await org.admin.send(identityRoutes.get, { params: { identityId: identity.id } })).status).toBe(404);

    const audit = (
      await org.admin.send(auditRoutes.list, { params: { orgId: org.orgId }, query: { limit: 100 } })
    ).body.auditLogs.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(["identity.create", "identity.update", "identity.delete"]));
  });

  it("refuses bad input with field-level issues and a taken name with a clear 400", async () => {
    const missing = await org.admin.send(identityRoutes.create, { body: { organizationId: org.orgId, role: "owner" } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["name", "role"]);
    await createIdentity(org.admin, org.orgId, { name: "unique-name" });
    const taken = await org.admin.send(identityRoutes.create, {
      body: { name: "unique-name", organizationId: org.orgId },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.issues[0]).toMatchObject({ path: ["name"] });
    expect(
      (await org.admin.send(identityRoutes.update, { params: { identityId: crypto.randomUUID() }, body: {} })).status,
    ).toBe(400);
    expect((await org.admin.send(identityRoutes.get, { params: { identityId: "not-a-uuid" } })).status).toBe(400);
  });

  it("lists identities a page at a time, searchable by name", async () => {
    const prefix = `list-${crypto.randomUUID().slice(0, 6)}`;
    for (const n of ["a", "b", "c"]) await createIdentity(org.admin, org.orgId, { name: `${prefix}-${n}` });
    const params = { orgId: org.orgId };
    const page = (await org.admin.send(identityRoutes.list, { params, query: { search: prefix, limit: 2 } })).body;
    expect(page.totalCount).toBe(3);
    expect(page.identities.map((i: { name: string }) => i.name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    const next = (await org.admin.send(identityRoutes.list, { params, query: { search: prefix, limit: 2, offset: 2 } }))
      .body;
    expect(next.identities.map((i: { name: string }) => i.name)).toEqual([`${prefix}-c`]);
    expect((await org.admin.send(identityRoutes.list, { params, query: { search: "%" } })).body.totalCount).toBe(0);
    expect((await org.admin.send(identityRoutes.list, { params, query: { limit: 500 } })).status).toBe(400);
  });

  it("lets members read identities but only admins change them", async () => {
    const member = await inviteMember(server, org);
    const identity = await createIdentity(org.admin, org.orgId);
    expect((await member.send(identityRoutes.get, { params: { identityId: identity.id } })).status).toBe(200);
    expect((await member.send(identityRoutes.list, { params: { orgId: org.orgId } })).status).toBe(200);
    expect(
      (await member.send(identityRoutes.create, { body: { name: "nope", organizationId: org.orgId } })).status,
    ).toBe(403);
    expect(
      (await member.send(identityRoutes.update, { params: { identityId: identity.id }, body: { name: "nope" } }))
        .status,
    ).toBe(403);
    expect((await member.send(identityRoutes.delete, { params: { identityId: identity.id } })).status).toBe(403);
    expect(
      (
        await member.send(awsAuthRoutes.attach, {
          params: { identityId: identity.id },
          body: { allowedAccountIds: "123456789012" },
        })
      ).status,
    ).toBe(403);
  });

  describe("project memberships", () => {
    it("adds, changes and removes an identity's project role, which governs what its token can do", async () => {
      const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: ARN });
      const bot = await tokenFor(identity.id);
      expect((await bot.send(projectRoutes.get, { params: { projectId: org.projectId } })).status).toBe(404);

      const added = await org.admin.send(identityRoutes.addMembership, {
        params: { identityId: identity.id },
        body: { projectId: org.projectId },
      });
      expect(added.status).toBe(200);
      expect(added.body.membership).toMatchObject({
        identityId: identity.id,
        projectId: org.projectId,
        projectName: "Payments",
        role: "viewer",
      });
      expect((await bot.send(projectRoutes.get, { params: { projectId: org.projectId } })).status).toBe(200);
      expect(
        (
          await bot.send(projectRoutes.createEnvironment, {
            params: { projectId: org.projectId },
            body: { name: "QA", slug: "qa" },
          })
        ).status,
      ).toBe(403);

      const membershipId = added.body.membership.id;
      const promoted = await org.admin.send(identityRoutes.updateMembership, {
        params: { identityId: identity.id, membershipId },
        body: { role: "admin" },
      });
      expect(promoted.body.membership.role).toBe("admin");
      expect(
        (
          await bot.send(projectRoutes.createEnvironment, {
            params: { projectId: org.projectId },
            body: { name: "QA", slug: `qa-${membershipId.slice(0, 4)}` },
          })
        ).status,
      ).toBe(200);

      expect(
        (await org.admin.send(identityRoutes.listMemberships, { params: { identityId: identity.id } })).body
          .memberships,
      ).toHaveLength(1);
      expect(
        (
          await org.admin.send(identityRoutes.addMembership, {
            params: { identityId: identity.id },
            body: { projectId: org.projectId, role: "viewer" },
          })
        ).status,
      ).toBe(409);
      expect(
        (await org.admin.send(identityRoutes.removeMembership, { params: { identityId: identity.id, membershipId } }))
          .status,
      ).toBe(200);
      expect((await bot.send(projectRoutes.get, { params: { projectId: org.projectId } })).status).toBe(404);
    });

    it("refuses a project of another org, a missing project and a bad role", async () => {
      const identity = await createIdentity(org.admin, org.orgId);
      const other = await server.createOtherOrgAdmin();
      const foreignProject = (await other.client.send(projectRoutes.create, { body: { name: "Foreign" } })).body.project
        .id;
      expect(
        (
          await org.admin.send(identityRoutes.addMembership, {
            params: { identityId: identity.id },
            body: { projectId: foreignProject, role: "viewer" },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await org.admin.send(identityRoutes.addMembership, {
            params: { identityId: identity.id },
            body: { projectId: crypto.randomUUID(), role: "viewer" },
          })
        ).status,
      ).toBe(404);
      const bad = await org.admin.send(identityRoutes.addMembership, {
        params: { identityId: identity.id },
        body: { projectId: org.projectId, role: "owner" },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].path).toEqual(["role"]);
    });

    it("removes memberships with the identity", async () => {
      const identity = await createIdentity(org.admin, org.orgId);
      await org.admin.send(identityRoutes.addMembership, {
        params: { identityId: identity.id },
        body: { projectId: org.projectId, role: "developer" },
      });
      await org.admin.send(identityRoutes.delete, { params: { identityId: identity.id } });
      expect(
        (await org.admin.send(identityRoutes.listMemberships, { params: { identityId: identity.id } })).status,
      ).toBe(404);
    });
  });

  describe("tenant isolation", () => {
    it("keeps an identity of org A away from everything of org B", async () => {
      const { identity } = await createAwsIdentity(
        org.admin,
        org.orgId,
        { allowedPrincipalArns: ARN },
        { role: "admin" },
      );
      const botA = await tokenFor(identity.id);
      const other = await server.createOtherOrgAdmin();
      const identityB = await createIdentity(other.client, other.orgId);
      const projectB = (await other.client.send(projectRoutes.create, { body: { name: "B project" } })).body.project.id;

      expect((await botA.send(identityRoutes.get, { params: { identityId: identityB.id } })).status).toBe(404);
      expect(
        (await botA.send(identityRoutes.update, { params: { identityId: identityB.id }, body: { name: "hijacked" } }))
          .status,
      ).toBe(404);
      expect((await botA.send(identityRoutes.delete, { params: { identityId: identityB.id } })).status).toBe(404);
      expect((await botA.send(identityRoutes.list, { params: { orgId: other.orgId } })).status).toBe(404);
      expect(
        (await botA.send(identityRoutes.create, { body: { name: "planted", organizationId: other.orgId } })).status,
      ).toBe(404);
      expect(
        (
          await botA.send(awsAuthRoutes.attach, {
            params: { identityId: identityB.id },
            body: { allowedAccountIds: "123456789012" },
          })
        ).status,
      ).toBe(404);
      expect((await botA.send(awsAuthRoutes.get, { params: { identityId: identityB.id } })).status).toBe(404);
      expect((await botA.send(tokenRoutes.listForIdentity, { params: { identityId: identityB.id } })).status).toBe(404);
      expect((await botA.send(identityRoutes.listMemberships, { params: { identityId: identityB.id } })).status).toBe(
        404,
      );
      expect(
        (
          await botA.send(identityRoutes.addMembership, {
            params: { identityId: identity.id },
            body: { projectId: projectB, role: "admin" },
          })
        ).status,
      ).toBe(404);
      expect((await botA.send(projectRoutes.get, { params: { projectId: projectB } })).status).toBe(404);
      expect((await botA.send(auditRoutes.list, { params: { orgId: other.orgId } })).status).toBe(404);

      // And the other way round: org B's admin sees nothing of A's identity.
      expect((await other.client.send(identityRoutes.get, { params: { identityId: identity.id } })).status).toBe(404);
      expect((await other.client.send(awsAuthRoutes.detach, { params: { identityId: identity.id } })).status).toBe(404);
      expect((await other.client.send(identityRoutes.get, { params: { identityId: identityB.id } })).status).toBe(200);
    });

    it("lets an identity with the org admin role manage identities of its own org only", async () => {
      const { identity } = await createAwsIdentity(
        org.admin,
        org.orgId,
        { allowedPrincipalArns: ARN },
        { role: "admin" },
      );
      const bot = await tokenFor(identity.id);
      const made = await bot.send(identityRoutes.create, {
        body: { name: `made-by-bot-${identity.id.slice(0, 6)}`, organizationId: org.orgId },
      });
      expect(made.status).toBe(200);
      const audit = (await org.admin.send(auditRoutes.list, { params: { orgId: org.orgId }, query: { limit: 5 } })).body
        .auditLogs;
      expect(audit.find((a: { action: string }) => a.action === "identity.create")).toMatchObject({
        actorType: "identity",
        actorId: identity.id,
      });
    });
  });
});
