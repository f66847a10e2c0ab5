import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { createRole } from "../app-connections/app-connections.fixtures.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "./dynamic-secrets.fixtures.ts";

describe("deleting a dynamic secret, and App Connections as the credential source", () => {
  let world: LeaseWorld;
  beforeAll(async () => {
    world = await leaseWorld();
  });
  afterAll(() => world.close());

  const remove = (name: string, extra: Record<string, unknown> = {}) =>
    world.admin.send(dynamicSecretRoutes.delete, { params: { name }, body: { ...world.location, ...extra } });

  it("keeps the environment and project while they hold dynamic secrets, with a 409 that says what to do", async () => {
    const env = (
      await world.admin.send(projectRoutes.createEnvironment, {
        params: { projectId: world.session.project.id },
        body: {
          name: "Holding",
          slug: unique("hold"),
        },
      })
    ).body.environment;
    const { name } = await world.createSecret({ environmentSlug: env.slug });
    const envDelete = await world.admin.send(projectRoutes.deleteEnvironment, {
      params: { projectId: world.session.project.id, environmentId: env.id },
    });
    expect(envDelete.status, envDelete.text).toBe(409);
    expect(envDelete.body).toMatchObject({
      reasonCode: "in_use",
      message: expect.stringMatching(/environment still holds dynamic secrets/),
    });
    const projectDelete = await world.admin.send(projectRoutes.delete, {
      params: { projectId: world.session.project.id },
    });
    expect(projectDelete.status, projectDelete.text).toBe(409);
    expect(
      (
        await world.admin.send(dynamicSecretRoutes.delete, {
          params: { name },
          body: { ...world.location, environmentSlug: env.slug },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await world.admin.send(projectRoutes.deleteEnvironment, {
          params: { projectId: world.session.project.id, environmentId: env.id },
        })
      ).status,
    ).toBe(200);
  });

  it("revokes every lease through the lease machinery first, then deletes the secret", async () => {
    const { name } = await world.createSecret();
    const a = (await world.lease(name)).body;
    const b = (await world.lease(name)).body;
    const res = await remove(name);
    expect(res.status, res.text).toBe(200);
    expect(res.body.dynamicSecret.name).toBe(name);
    expect(await world.userExists(a.data.USERNAME)).toBe(false);
    expect(await world.userExists(b.data.USERNAME)).toBe(false);
    expect(
      (
        await world.admin.send(dynamicSecretRoutes.get, {
          params: { name },
          query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
        })
      ).status,
    ).toBe(404);
  });

  it("refuses while AWS cleanup fails, keeping secret and lease; isForced deletes anyway, saying who", async () => {
    const { name } = await world.createSecret();
    const { lease, data } = (await world.lease(name)).body;
    world.resetProxy();
    world.proxy.inject({
      action: "DeleteUser",
      times: Infinity,
      fault: { kind: "aws-error", code: "AccessDenied", status: 403 },
    });

    const refused = await remove(name);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.reasonCode).toBe("leases_not_revoked");
    expect(refused.body.message).toMatch(/not allowed to call iam:DeleteUser/);
    expect(refused.body.details.leaseIds).toEqual([lease.id]);
    const q = { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" };
    expect((await world.admin.send(dynamicSecretRoutes.get, { params: { name }, query: q })).status).toBe(200);
    expect(
      (await world.admin.send(leaseRoutes.get, { params: { leaseId: lease.id }, query: q })).body.lease.status,
    ).toBe("revoke_failed");
    // While it is being deleted… and after the refusal, leasing works again.
    expect((await world.lease(name)).status).toBe(200);

    const forced = await world.admin.send(dynamicSecretRoutes.delete, {
      params: { name },
      query: { ...q, isForced: true },
    });
    expect(forced.status, forced.text).toBe(200);
    expect((await world.admin.send(dynamicSecretRoutes.get, { params: { name }, query: q })).status).toBe(404);
    const audit = await world.admin.send(auditRoutes.list, { params: { orgId: world.orgId }, query: { limit: 100 } });
    const entry = audit.body.auditLogs.find(
      (l: { action: string; metadata: { name?: string } }) =>
        l.action === "dynamic-secret.delete" && l.metadata.name === name,
    );
    expect(entry.metadata.isForced).toBe(true);
    expect(entry.metadata.unconfirmedUsernames).toContain(data.USERNAME);
    expect(entry.actorName).toBe(world.session.user.email);
    world.resetProxy();
  });

  it("leases through an App Connection, and the connection cannot be deleted while the secret uses it", async () => {
    const roleArn = await createRole(iamAt(world.motoUrl));
    const connection = await world.admin.send(appConnectionRoutes.create, {
      body: {
        name: unique("conn"),
        method: "assume-role",
        credentials: { roleArn },
      },
    });
    expect(connection.status, connection.text).toBe(200);
    const connectionId = connection.body.appConnection.id;
    const { name, body } = await world.createSecret(
      {},
      { accessKey: undefined, secretAccessKey: undefined, appConnectionId: connectionId },
    );
    expect(body.dynamicSecret.inputs.appConnectionId).toBe(connectionId);

    const leased = await world.lease(name);
    expect(leased.status, leased.text).toBe(200);
    // The connection's AssumeRole session (an org-wide connection: External ID = the org) signed the IAM calls.
    const assumed = world.proxy.calls("AssumeRole").at(-1)!;
    expect(assumed.params.ExternalId).toBe(world.orgId);
    const sessionKey = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(
      assumed.outcome.kind === "forwarded" ? assumed.outcome.body : "",
    )?.[1];
    expect(world.proxy.calls("CreateUser").at(-1)!.accessKeyId).toBe(sessionKey);

    const refused = await world.admin.send(appConnectionRoutes.delete, { params: { connectionId } });
    expect(refused.status).toBe(409);
    expect(refused.body.details.users).toEqual([
      { type: "dynamic-secret", id: body.dynamicSecret.id, name, projectId: world.projectId },
    ]);

    expect(
      (await world.admin.send(dynamicSecretRoutes.delete, { params: { name }, body: world.location })).status,
    ).toBe(200);
    expect(await world.userExists(leased.body.data.USERNAME)).toBe(false);
    expect((await world.admin.send(appConnectionRoutes.delete, { params: { connectionId } })).status).toBe(200);
  });

  it("refuses an App Connection the project cannot use", async () => {
    const res = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name: unique("ds"),
        defaultTTL: "1h",
        provider: {
          type: "aws-iam",
          inputs: { region: "us-east-1", appConnectionId: "00000000-0000-4000-8000-000000000000" },
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toEqual(["provider", "inputs", "appConnectionId"]);
  });
});
