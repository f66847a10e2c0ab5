import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createTestClock } from "../../../../test/ground/in-process-server.ts";
import { createLeaseWorker } from "../../../workers/lease-workers.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

describe("the expiry worker", () => {
  const clock = createTestClock(new Date("2026-06-01T00:00:00Z"));
  let world: LeaseWorld;
  let worker: ReturnType<typeof createLeaseWorker>;
  const q = () => ({ projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" });
  const leaseOf = async (id: string) =>
    (await world.admin.send(leaseRoutes.get, { params: { leaseId: id }, query: q() })).body.lease;

  beforeAll(async () => {
    world = await leaseWorld({ clock, env: { LEASEHOLD_LEASE_EXPIRY_INTERVAL: "1" } });
    worker = createLeaseWorker(world.server.core, world.server.services, "expiry");
  });
  afterAll(async () => {
    await worker.stop();
    await world.close();
  });

  it("revokes due leases, and only those, as expired", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const short = (await world.lease(name, { ttl: "10m" })).body;
    const long = (await world.lease(name)).body;
    clock.advance(11 * 60);
    await worker.drain();

    const expired = await leaseOf(short.lease.id);
    expect(expired.status).toBe("expired");
    expect(expired.revokedBy).toMatchObject({ type: "system", name: "lease expiry worker" });
    expect(await world.userExists(short.data.USERNAME)).toBe(false);
    expect((await leaseOf(long.lease.id)).status).toBe("active");
    expect(await world.userExists(long.data.USERNAME)).toBe(true);

    const audit = await world.admin.send(auditRoutes.list, { params: { orgId: world.orgId }, query: { limit: 50 } });
    expect(
      audit.body.auditLogs.find(
        (l: { action: string; resourceId: string }) => l.action === "lease.expire" && l.resourceId === short.lease.id,
      ),
    ).toMatchObject({ actorType: "system" });
    clock.advance(3600);
    await worker.drain();
  });

  it("AWS failing: leases go revoke_failed (error, next retry), back off, are revoked once AWS is back", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const { lease, data } = (await world.lease(name)).body;
    world.resetProxy();
    const outage = world.proxy.inject({
      action: "DeleteUser",
      times: Infinity,
      fault: { kind: "aws-error", code: "ServiceFailure", status: 500, message: "IAM is having a bad day" },
    });
    clock.advance(3600 + 1);
    await worker.drain();

    let failed = await leaseOf(lease.id);
    expect(failed.status).toBe("revoke_failed");
    expect(failed.revokeAttempts).toBe(1);
    expect(failed.lastError).toMatch(/AWS could not be reached for iam:DeleteUser/);
    const firstDelay = (Date.parse(failed.nextAttemptAt) - clock.now().getTime()) / 1000;
    expect(firstDelay).toBeGreaterThanOrEqual(10);
    expect(firstDelay).toBeLessThanOrEqual(12);
    expect(failed.statusDetails).toContain(failed.nextAttemptAt);
    expect(await world.userExists(data.USERNAME)).toBe(true);

    // Not due yet: nothing happens.
    const calls = world.proxy.calls("DeleteUser").length;
    clock.advance(5);
    expect(await worker.drain()).toBe(0);
    expect(world.proxy.calls("DeleteUser")).toHaveLength(calls);

    // Due, still failing: one more attempt, a longer wait.
    let delays = [firstDelay];
    for (let attempt = 2; attempt <= 4; attempt++) {
      clock.set(new Date(Date.parse(failed.nextAttemptAt) + 1));
      await worker.drain();
      failed = await leaseOf(lease.id);
      expect(failed.status).toBe("revoke_failed");
      expect(failed.revokeAttempts).toBe(attempt);
      delays.push((Date.parse(failed.nextAttemptAt) - clock.now().getTime()) / 1000);
    }
    expect(delays[3]!).toBeGreaterThan(delays[0]! * 4);

    outage.remove();
    clock.set(new Date(Date.parse(failed.nextAttemptAt) + 1));
    await worker.drain();
    const done = await leaseOf(lease.id);
    expect(done.status).toBe("expired");
    expect(done.lastError).toBeNull();
    expect(await world.userExists(data.USERNAME)).toBe(false);
    delays = [];
  });

  it("takes over a lease whose revoking instance died (its claim timed out)", async () => {
    const { name } = await world.createSecret();
    const { lease, data } = (await world.lease(name)).body;
    // What an instance leaves behind when it is killed between its claim and the cleanup.
    const claimEnds = new Date(clock.now().getTime() + 300_000).toISOString();
    await world.server.database.db.execute(
      sql`update dynamic_secret_leases set status = 'revoking', due_at = ${claimEnds} where id = ${lease.id}`,
    );
    expect(await worker.drain()).toBe(0);
    clock.advance(301);
    await worker.drain();
    expect((await leaseOf(lease.id)).status).toBe("expired");
    expect(await world.userExists(data.USERNAME)).toBe(false);
  });

  it("runs on its own once started, and stops cleanly", async () => {
    const { name } = await world.createSecret();
    const { lease } = (await world.lease(name, { ttl: "1m" })).body;
    clock.advance(61);
    worker.start();
    const deadline = Date.now() + 10_000;
    while ((await leaseOf(lease.id)).status !== "expired" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    expect((await leaseOf(lease.id)).status).toBe("expired");
  });
});
