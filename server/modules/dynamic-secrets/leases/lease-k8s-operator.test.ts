// Infisical's Kubernetes operator (repository Infisical/kubernetes-operator,
// internal/services/infisicaldynamicsecret/reconciler.go) against Leasehold, one test per branch it takes on an
// API answer (decision 1251). On a renew error it creates a new lease only when the error text contains
// "TTL cannot be larger than max ttl" or "Dynamic secret lease with ID"; any other error is retried as is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { createTestClock } from "../../../../test/ground/in-process-server.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

const HOUR = 3600_000;
/** The reconciler's test: does this renew error make it create a new lease? */
const operatorLeasesAnew = (message: string) =>
  message.includes("TTL cannot be larger than max ttl") || message.includes("Dynamic secret lease with ID");

describe("Infisical's Kubernetes operator: every branch on an API answer", () => {
  const clock = createTestClock(new Date("2026-06-01T08:00:00Z"));
  let world: LeaseWorld;
  let secretName: string;
  beforeAll(async () => {
    world = await leaseWorld({ clock });
    secretName = (await world.createSecret({ defaultTTL: "1h", maxTTL: "3h" })).name;
  });
  afterAll(() => world.close());

  // The operator's Go SDK always sends these fields; `ttl` is "" when the CRD has no leaseTTL.
  const create = (ttl = "") =>
    world.admin.send(leaseRoutes.create, {
      body: {
        dynamicSecretName: secretName,
        projectSlug: world.location.projectSlug,
        ttl,
        path: "/",
        environmentSlug: "dev",
      },
    });
  const renew = (leaseId: string, ttl = "") =>
    world.admin.send(leaseRoutes.renew, {
      params: { leaseId },
      body: {
        leaseId,
        ttl,
        projectSlug: world.location.projectSlug,
        path: "/",
        environmentSlug: "dev",
        isForced: false,
      },
    });
  const revoke = (leaseId: string) =>
    world.admin.send(leaseRoutes.revoke, {
      params: { leaseId },
      body: {
        leaseId,
        projectSlug: world.location.projectSlug,
        path: "/",
        environmentSlug: "dev",
        isForced: false,
      },
    });

  it("GetProjectSlug: a CRD with projectId looks the project up at /api/v1/workspace/:id", async () => {
    const res = await world.admin.send(projectRoutes.workspace, { params: { projectId: world.projectId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.workspace.slug).toBe(world.location.projectSlug);
  });

  it("CreateDynamicSecretLease: lease data are strings, and dynamicSecret.maxTTL is a duration string", async () => {
    const res = await create("2h");
    expect(res.status, res.text).toBe(200);
    for (const value of Object.values(res.body.data)) expect(typeof value).toBe("string");
    expect(res.body.dynamicSecret.maxTTL).toBe("3h");
    expect(typeof res.body.lease.version).toBe("number");
    await revoke(res.body.lease.id);
  });

  it("RenewDynamicSecretLease succeeds: the new expireAt is read from the answer", async () => {
    const { lease } = (await create()).body;
    const renewed = await renew(lease.id, "30m");
    expect(renewed.status, renewed.text).toBe(200);
    expect(Date.parse(renewed.body.lease.expireAt)).toBe(Date.parse(lease.expireAt) + HOUR / 2);
    await revoke(lease.id);
  });

  it("renewal past the max TTL: the operator's 'TTL cannot be larger than max ttl' branch (a new lease)", async () => {
    const { lease } = (await create()).body;
    const refused = await renew(lease.id, "3h");
    expect(refused.status).toBe(400);
    expect(refused.body.reasonCode).toBe("ttl_above_max");
    expect(refused.body.message).toContain("TTL cannot be larger than max ttl");
    expect(operatorLeasesAnew(refused.body.message)).toBe(true);
    await revoke(lease.id);
  });

  it("renewal of a revoked, expired or unknown lease: the 'Dynamic secret lease with ID' branch, a 404", async () => {
    const revoked = (await create()).body.lease;
    await revoke(revoked.id);
    const expired = (await create()).body.lease;
    clock.advance(2 * 3600);
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const [leaseId, reasonCode] of [
      [revoked.id, "lease_not_active"],
      [expired.id, "lease_expired"],
      [unknown, "not_found"],
    ] as const) {
      const res = await renew(leaseId);
      expect(res.status, res.text).toBe(404);
      expect(res.body.reasonCode).toBe(reasonCode);
      expect(res.body.message).toContain(`Dynamic secret lease with ID '${leaseId}'`);
      expect(operatorLeasesAnew(res.body.message)).toBe(true);
    }
    await revoke(expired.id);
  });

  it("other renew errors are retried, not re-leased: a bad ttl or missing folder never matches the texts", async () => {
    const { lease } = (await create()).body;
    const badTtl = await renew(lease.id, "soon");
    expect(badTtl.status).toBe(400);
    expect(operatorLeasesAnew(badTtl.body.message)).toBe(false);
    const wrongEnv = await world.admin.send(leaseRoutes.renew, {
      params: { leaseId: lease.id },
      body: {
        ...world.location,
        environmentSlug: "no-such-env",
      },
    });
    expect(wrongEnv.status).toBe(404);
    expect(operatorLeasesAnew(wrongEnv.body.message)).toBe(false);
    await revoke(lease.id);
  });

  it("HandleLeaseRevocation: DELETE with the SDK's body revokes; the operator ignores a repeat's answer", async () => {
    const { lease, data } = (await create()).body;
    const first = await revoke(lease.id);
    expect(first.status, first.text).toBe(200);
    expect(first.body.lease.status).toBe("revoked");
    expect(await world.userExists(data.USERNAME)).toBe(false);
    const again = await revoke(lease.id);
    expect(again.status).toBeLessThan(500);
  });
});
