import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createTestClock } from "../../../../test/ground/in-process-server.ts";
import { createLeaseWorker } from "../../../workers/lease-workers.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

const LEASES = 8;
const TICK_SECONDS = 10; // LEASEHOLD_LEASE_EXPIRY_INTERVAL's default

/**
 * Revocations catch up when AWS is back: with the injected clock ticking the expiry worker
 * every 10 s through an outage (every IAM call of the cleanup answers 500), then AWS answering
 * again, every due revocation must be done within 60 s. The old schedule (each lease's own
 * backoff) is read off the leases at the moment AWS comes back, in the same run.
 */
describe("revocations after an AWS outage", () => {
  const clock = createTestClock(new Date("2026-09-01T00:00:00Z"));
  let world: LeaseWorld;
  let worker: ReturnType<typeof createLeaseWorker>;
  const q = () => ({ projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" });
  const leaseOf = async (id: string) =>
    (await world.admin.send(leaseRoutes.get, { params: { leaseId: id }, query: q() })).body.lease;
  const figures: string[] = [];

  beforeAll(async () => {
    world = await leaseWorld({ clock });
    worker = createLeaseWorker(world.server.core, world.server.services, "expiry");
  });
  afterAll(async () => {
    process.stdout.write(`[catch-up figures] ${figures.join("; ")}\n`);
    await worker.stop();
    await world.close();
  });

  it.each([
    ["10 minutes", 600],
    ["1 hour", 3600],
  ])(
    "catches up within 60 s after an outage of %s; a refusal that needs a person keeps its backoff",
    {
      timeout: 240_000,
    },
    async (label, outageSeconds) => {
      const { name } = await world.createSecret({ defaultTTL: "1h" });
      const leases = [];
      for (let i = 0; i < LEASES; i++) leases.push((await world.lease(name, { ttl: "10m" })).body);
      const denied = (await world.lease(name, { ttl: "10m" })).body;
      world.resetProxy();
      // For the whole test, AWS refuses one user's cleanup as a person's problem.
      world.proxy.inject({
        action: "DeleteUser",
        when: (r) => r.params.UserName === denied.data.USERNAME,
        times: Infinity,
        fault: { kind: "aws-error", code: "AccessDenied", status: 403, message: "not allowed" },
      });
      const outage = world.proxy.inject({
        action: "DeleteUser",
        when: (r) => r.params.UserName !== denied.data.USERNAME,
        times: Infinity,
        fault: { kind: "aws-error", code: "ServiceFailure", status: 500, message: "IAM is down" },
      });

      clock.advance(10 * 60 + 1);
      const outageStarted = clock.now().getTime();
      while (clock.now().getTime() - outageStarted < outageSeconds * 1000) {
        await worker.drain();
        clock.advance(TICK_SECONDS);
      }
      const during = await Promise.all(leases.map((l) => leaseOf(l.lease.id)));
      expect(during.map((l) => `${l.status} ${l.lastError}`)).toEqual(
        during.map(() => expect.stringMatching(/^revoke_failed/)),
      );
      const deniedBefore = await leaseOf(denied.lease.id);
      expect(deniedBefore.status).toBe("revoke_failed");

      // AWS is back. What the old schedule would have done: each lease at its own next retry.
      outage.remove();
      const back = clock.now().getTime();
      const oldSchedule = Math.max(...during.map((l) => Date.parse(l.nextAttemptAt))) - back;
      let caughtUpAt: number | null = null;
      while (clock.now().getTime() - back <= 10 * 60 * 1000) {
        await worker.drain();
        const now = await Promise.all(leases.map((l) => leaseOf(l.lease.id)));
        if (now.every((l) => l.status === "expired")) {
          caughtUpAt = clock.now().getTime();
          break;
        }
        clock.advance(TICK_SECONDS);
      }
      expect(caughtUpAt, "every revocation was done").not.toBeNull();
      const caughtUpSeconds = (caughtUpAt! - back) / 1000;
      figures.push(
        `${label}: done ${caughtUpSeconds} s after AWS was back ` +
          `(old schedule: up to ${Math.round(oldSchedule / 60_000)} min)`,
      );
      expect(caughtUpSeconds).toBeLessThanOrEqual(60);
      for (const l of leases) expect(await world.userExists(l.data.USERNAME)).toBe(false);

      // The refusal is not an outage: still failed, its retry still on its own backoff.
      const deniedAfter = await leaseOf(denied.lease.id);
      expect(deniedAfter.status).toBe("revoke_failed");
      expect(Date.parse(deniedAfter.nextAttemptAt)).toBeGreaterThan(clock.now().getTime());
      world.resetProxy();
      clock.advance(3600);
      await worker.drain();
      expect((await leaseOf(denied.lease.id)).status).toBe("expired");
    },
  );
});
