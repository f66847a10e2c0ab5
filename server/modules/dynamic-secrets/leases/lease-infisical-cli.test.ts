// Infisical's CLI (`infisical dynamic-secrets …`, repository Infisical/cli, through its Go SDK) pointed at
// Leasehold: exactly the requests it sends, bodies included (issue 14, decision 1400). The CLI always sends
// `ttl`, as "" when no --ttl flag was given, and first looks the project up with GET /api/v1/workspace/:id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import type { ApiClient } from "../../../../test/ground/api-client.ts";
import { createApiClient } from "../../../../test/ground/in-process-server.ts";
import { bearerClient, createAwsIdentity } from "../../aws-auth/identity.fixtures.ts";
import { createIamUser } from "../../aws-auth/moto-principals.fixtures.ts";
import { signedLogin } from "../../aws-auth/signed-login.fixtures.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

const DEFAULT_TTL_MS = 15 * 60_000;

describe("Infisical's CLI: dynamic-secret commands against Leasehold", () => {
  let world: LeaseWorld;
  let secretName: string;
  let machine: ApiClient;
  let outsider: ApiClient;
  let projectId: string;

  async function machineClient(withMembership: boolean) {
    const principal = await createIamUser(world.motoUrl);
    const { identity } = await createAwsIdentity(world.admin, world.orgId, { allowedPrincipalArns: principal.arn });
    if (withMembership) {
      const added = await world.admin.send(identityRoutes.addMembership, {
        params: { identityId: identity.id },
        body: {
          projectId,
          role: "developer",
        },
      });
      expect(added.status, added.text).toBe(200);
    }
    const login = await createApiClient(world.server.app).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: principal.credentials }),
    });
    expect(login.status, login.text).toBe(200);
    const client = bearerClient(world.server, login.body.accessToken);
    world.clients.push(client);
    return client;
  }

  beforeAll(async () => {
    world = await leaseWorld();
    projectId = world.projectId;
    secretName = (await world.createSecret({ defaultTTL: "15m", maxTTL: "2h" })).name;
    machine = await machineClient(true);
    outsider = await machineClient(false);
  });
  afterAll(() => world.close());

  const query = () => ({ projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" });

  it("GET /api/v1/workspace/:projectId answers Infisical's shape to a person and to a member identity", async () => {
    for (const client of [world.admin, machine]) {
      const res = await client.send(projectRoutes.workspace, { params: { projectId } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.workspace).toMatchObject({
        id: projectId,
        slug: world.location.projectSlug,
        orgId: world.orgId,
      });
      expect(res.body.workspace.environments.map((e: { slug: string }) => e.slug)).toContain("dev");
    }
  });

  it("GET /api/v1/workspace/:projectId is a 404 to an identity without a membership, a 401 anonymously", async () => {
    const hidden = await outsider.send(projectRoutes.workspace, { params: { projectId } });
    expect(hidden.status, hidden.text).toBe(404);
    expect((await world.server.client().send(projectRoutes.workspace, { params: { projectId } })).status).toBe(401);
  });

  it("the workspace route is in the OpenAPI document (so the schemathesis run covers it)", async () => {
    const doc = await world.server.client().send(operationsRoutes.openapi);
    expect(doc.status).toBe(200);
    expect(doc.body.paths[projectRoutes.workspace.path]?.get?.operationId).toBe("getWorkspace");
  });

  it("lease create, list, renew and delete with the CLI's exact bodies; an empty ttl is the default TTL", async () => {
    const secret = await machine.send(dynamicSecretRoutes.get, { params: { name: secretName }, query: query() });
    expect(secret.status, secret.text).toBe(200);
    expect(secret.body.dynamicSecret.defaultTTL).toBe("15m");

    const created = await machine.send(leaseRoutes.create, {
      body: {
        dynamicSecretName: secretName,
        projectSlug: world.location.projectSlug,
        ttl: "",
        path: "/",
        environmentSlug: "dev",
        config: {},
      },
    });
    expect(created.status, created.text).toBe(200);
    const { lease } = created.body;
    expect(Date.parse(lease.expireAt) - Date.parse(lease.createdAt)).toBe(DEFAULT_TTL_MS);

    const listed = await machine.send(leaseRoutes.list, { params: { name: secretName }, query: query() });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.leases.map((l: { id: string }) => l.id)).toContain(lease.id);

    const renewed = await machine.send(leaseRoutes.renew, {
      params: { leaseId: lease.id },
      body: {
        leaseId: lease.id,
        ttl: "",
        projectSlug: world.location.projectSlug,
        path: "/",
        environmentSlug: "dev",
        isForced: false,
      },
    });
    expect(renewed.status, renewed.text).toBe(200);
    expect(Date.parse(renewed.body.lease.expireAt) - Date.parse(lease.expireAt)).toBe(DEFAULT_TTL_MS);

    const deleted = await machine.send(leaseRoutes.revoke, {
      params: { leaseId: lease.id },
      body: {
        leaseId: lease.id,
        projectSlug: world.location.projectSlug,
        path: "/",
        environmentSlug: "dev",
        isForced: false,
      },
    });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body.lease.status).toBe("revoked");
  });

  it("every other malformed ttl is still refused, on create and on renew", async () => {
    for (const ttl of [" ", "soon", "30s", "-1h"]) {
      const refused = await world.lease(secretName, { ttl }, machine);
      expect(refused.status, `${JSON.stringify(ttl)}: ${refused.text}`).toBe(400);
      expect(refused.body.issues[0].path).toEqual(["ttl"]);
    }
    const created = await world.lease(secretName, {}, machine);
    expect(created.status, created.text).toBe(200);
    const renewed = await machine.send(leaseRoutes.renew, {
      params: { leaseId: created.body.lease.id },
      body: {
        ...world.location,
        ttl: "soon",
      },
    });
    expect(renewed.status).toBe(400);
    expect(renewed.body.issues[0].path).toEqual(["ttl"]);
  });
});
