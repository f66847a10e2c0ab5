// The machine flow of the seeds: a workload logs in with AWS Auth (its own IAM principal,
// signed GetCallerIdentity), then leases, renews and revokes with the bearer token, the
// way Infisical's SDK does (JSON bodies, DELETE included).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createApiClient } from "../../../../test/ground/in-process-server.ts";
import { bearerClient, createAwsIdentity } from "../../aws-auth/identity.fixtures.ts";
import { createIamUser } from "../../aws-auth/moto-principals.fixtures.ts";
import { signedLogin } from "../../aws-auth/signed-login.fixtures.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

describe("machine flow: AWS Auth login, then lease, renew and revoke with the bearer token", () => {
  let world: LeaseWorld;
  let secretName: string;
  beforeAll(async () => {
    world = await leaseWorld();
    secretName = (
      await world.createSecret({ usernameTemplate: "{{identity.name}}-{{random 6}}", defaultTTL: "15m", maxTTL: "1h" })
    ).name;
  });
  afterAll(() => world.close());

  /** An identity with AWS Auth for a fresh IAM user, a project role (or none), and a token. */
  async function machineWithRole(role: "admin" | "developer" | "viewer" | null) {
    const principal = await createIamUser(world.motoUrl);
    const { identity } = await createAwsIdentity(world.admin, world.orgId, { allowedPrincipalArns: principal.arn });
    if (role) {
      const membership = await world.admin.send(identityRoutes.addMembership, {
        params: { identityId: identity.id },
        body: {
          projectId: world.projectId,
          role,
        },
      });
      expect(membership.status, membership.text).toBe(200);
    }
    const login = await createApiClient(world.server.app, { peer: "198.51.100.10" }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: principal.credentials }),
    });
    expect(login.status, login.text).toBe(200);
    const client = bearerClient(world.server, login.body.accessToken);
    world.clients.push(client);
    return { identity, client };
  }

  it("a developer identity leases, renews and revokes", async () => {
    const { identity, client } = await machineWithRole("developer");
    const leased = await world.lease(secretName, { ttl: "10m" }, client);
    expect(leased.status, leased.text).toBe(200);
    const { lease, data } = leased.body;
    expect(lease.createdBy).toEqual({ type: "identity", id: identity.id, name: identity.name });
    expect(data.USERNAME.startsWith(`${identity.name}-`)).toBe(true);
    expect(await world.userExists(data.USERNAME)).toBe(true);

    const renewed = await client.send(leaseRoutes.renew, {
      params: { leaseId: lease.id },
      body: {
        ...world.location,
        ttl: "20m",
      },
    });
    expect(renewed.status, renewed.text).toBe(200);
    expect(Date.parse(renewed.body.lease.expireAt) - Date.parse(lease.createdAt)).toBe(30 * 60_000);

    const read = await client.send(leaseRoutes.get, {
      params: { leaseId: lease.id },
      query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
    });
    expect(read.body.lease.status).toBe("active");

    // Infisical's SDK sends DELETE with a JSON body.
    const revoked = await client.send(leaseRoutes.revoke, {
      params: { leaseId: lease.id },
      body: {
        ...world.location,
        isForced: false,
      },
    });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.lease.status).toBe("revoked");
    expect(revoked.body.lease.revokedBy).toEqual({ type: "identity", id: identity.id, name: identity.name });
    expect(await world.userExists(data.USERNAME)).toBe(false);

    const audit = await world.admin.send(auditRoutes.list, { params: { orgId: world.orgId }, query: { limit: 100 } });
    const actions = audit.body.auditLogs
      .filter((l: { resourceId: string }) => l.resourceId === lease.id)
      .map((l: { action: string; actorType: string }) => `${l.actorType}:${l.action}`);
    expect(actions.sort()).toEqual(["identity:lease.create", "identity:lease.renew", "identity:lease.revoke"]);
  });

  it("a viewer identity may read but not lease; one without membership sees nothing", async () => {
    const viewer = await machineWithRole("viewer");
    const listed = await viewer.client.send(dynamicSecretRoutes.list, {
      query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
    });
    expect(listed.status).toBe(200);
    const refused = await world.lease(secretName, {}, viewer.client);
    expect(refused.status).toBe(403);

    const outsider = await machineWithRole(null);
    expect((await world.lease(secretName, {}, outsider.client)).status).toBe(404);
    expect(
      (
        await outsider.client.send(dynamicSecretRoutes.list, {
          query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
        })
      ).status,
    ).toBe(404);
  });

  it("refuses a bad or missing token with 401", async () => {
    const anonymous = world.server.client();
    expect((await world.lease(secretName, {}, anonymous)).status).toBe(401);
    anonymous.useBearer("lhat_not-a-real-token");
    expect((await world.lease(secretName, {}, anonymous)).status).toBe(401);
  });
});
