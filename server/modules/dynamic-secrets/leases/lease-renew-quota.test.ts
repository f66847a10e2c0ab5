import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createTestClock } from "../../../../test/ground/in-process-server.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

const HOUR = 3600_000;

describe("lease TTLs, renewals and the quota", () => {
  const clock = createTestClock(new Date("2026-05-01T08:00:00Z"));
  let world: LeaseWorld;
  beforeAll(async () => {
    world = await leaseWorld({ clock, env: { LEASEHOLD_LEASE_QUOTA: "3" } });
  });
  afterAll(() => world.close());

  const renew = (leaseId: string, ttl?: string) =>
    world.admin.send(leaseRoutes.renew, { params: { leaseId }, body: { ...world.location, ...(ttl ? { ttl } : {}) } });

  it("uses the default TTL, and refuses a TTL above the max with a 400 on ttl", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h", maxTTL: "3h" });
    const lease = (await world.lease(name)).body.lease;
    expect(Date.parse(lease.expireAt) - Date.parse(lease.createdAt)).toBe(HOUR);
    const tooLong = await world.lease(name, { ttl: "4h" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues[0].path).toEqual(["ttl"]);
    expect(tooLong.body.message).toMatch(/longer than this dynamic secret's max TTL \(3h\)/);
    const notADuration = await world.lease(name, { ttl: "forever" });
    expect(notADuration.status).toBe(400);
    expect(notADuration.body.issues[0].path).toEqual(["ttl"]);
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
  });

  it("renews from the current expiry, never past creation + max TTL", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h", maxTTL: "3h" });
    const lease = (await world.lease(name)).body.lease;
    const created = Date.parse(lease.createdAt);

    const once = await renew(lease.id);
    expect(once.status, once.text).toBe(200);
    expect(Date.parse(once.body.lease.expireAt)).toBe(created + 2 * HOUR);
    expect(once.body.lease.version).toBe(lease.version + 1);

    const twice = await renew(lease.id, "1h");
    expect(Date.parse(twice.body.lease.expireAt)).toBe(created + 3 * HOUR);

    const past = await renew(lease.id, "1m");
    expect(past.status).toBe(400);
    expect(past.body.issues[0].path).toEqual(["ttl"]);
    expect(past.body.message).toMatch(/past its max TTL \(3h from creation/);
    expect(past.body.message).toMatch(/cannot be renewed any further/);
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
  });

  it("serialises concurrent renewals with optimistic concurrency: each applies once", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h", maxTTL: "10h" });
    const lease = (await world.lease(name)).body.lease;
    const results = await Promise.all(Array.from({ length: 4 }, () => renew(lease.id, "1h")));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const after = (
      await world.admin.send(leaseRoutes.get, {
        params: { leaseId: lease.id },
        query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
      })
    ).body.lease;
    expect(Date.parse(after.expireAt)).toBe(Date.parse(lease.createdAt) + 5 * HOUR);
    expect(after.version).toBe(lease.version + 4);
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
  });

  it("refuses to renew a revoked or expired lease", async () => {
    const { name } = await world.createSecret();
    const lease = (await world.lease(name)).body.lease;
    clock.advance(2 * 3600);
    const expired = await renew(lease.id);
    // 404, as Infisical answers for a lease it has deleted: its Kubernetes operator then leases anew (decision 1251).
    expect(expired.status).toBe(404);
    expect(expired.body.reasonCode).toBe("lease_expired");
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
    const revoked = await renew(lease.id);
    expect(revoked.status).toBe(404);
    expect(revoked.body.reasonCode).toBe("lease_not_active");
  });

  it("holds the quota under parallel creates: exactly `quota` succeed, with no IAM user for the others", async () => {
    const { name } = await world.createSecret();
    const results = await Promise.all(Array.from({ length: 8 }, () => world.lease(name)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(3);
    for (const refused of results.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(429);
      expect(refused.body.reasonCode).toBe("lease_quota_exceeded");
    }
    const users = await world.iamUsers();
    for (const r of ok) expect(users).toContain(r.body.data.USERNAME);
    await world.expectNoOrphans();

    // Revoking one frees a place.
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: ok[0]!.body.lease.id }, body: world.location });
    expect((await world.lease(name)).status).toBe(200);
  });

  it("refuses a second live lease with the same user name (a fixed template)", async () => {
    const { name } = await world.createSecret({ usernameTemplate: "{{dynamicSecret.name}}" });
    const first = await world.lease(name);
    expect(first.status, first.text).toBe(200);
    const second = await world.lease(name);
    expect(second.status).toBe(409);
    expect(second.body.reasonCode).toBe("username_in_use");
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: first.body.lease.id }, body: world.location });
    expect((await world.lease(name)).status).toBe(200);
  });

  it("pages through leases newest first, and filters the live ones", async () => {
    const { name } = await world.createSecret();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await world.lease(name)).body.lease.id);
      clock.advance(1);
    }
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: ids[0]! }, body: world.location });
    const page = (query: Record<string, string | number>) =>
      world.admin.send(leaseRoutes.list, { params: { name }, query: { ...world.location, ...query } });
    const page1 = await page({ limit: 2 });
    expect(page1.body.leases.map((l: { id: string }) => l.id)).toEqual([ids[2], ids[1]]);
    const page2 = await page({ limit: 2, cursor: page1.body.nextCursor });
    expect(page2.body.leases.map((l: { id: string }) => l.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();
    const active = await page({ status: "active" });
    expect(active.body.leases.map((l: { id: string }) => l.id)).toEqual([ids[2], ids[1]]);
    expect((await page({ cursor: "garbage" })).status).toBe(400);
  });
});
