import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestClock, createTestServer, type TestServer } from "../../../../test/ground/in-process-server.ts";
import { queryRows } from "../../../db/client.ts";
import { createLeaseWorker } from "../../../workers/lease-workers.ts";
import { type LeaseWorld, leaseWorld, unique } from "../dynamic-secrets.fixtures.ts";
import { CLAIM_HEARTBEAT_MS } from "./lease-claim-heartbeat.ts";
import { INTERRUPTED_CREATION } from "./lease-revocation.ts";
import { createLeasesRepo } from "./leases.repo.ts";

const LEASES = 20;
const CLAIM_TIMEOUT_SECONDS = 90; // the minimum LEASEHOLD_LEASE_RECOVERY_AFTER
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A slow cleanup is never claimed twice. Instance A starts revoking 20 due leases through a
 * proxy that delays every AWS call; meanwhile the injected clock jumps past the claim timeout
 * again and again, and instance B (same database) runs its expiry worker after each jump.
 * The proxy counts each user's cleanup calls: one ListAccessKeys and one DeleteUser per user.
 */
describe("claims on slow cleanups", () => {
  const clock = createTestClock(new Date("2026-10-01T00:00:00Z"));
  let world: LeaseWorld;
  let second: TestServer;

  beforeAll(async () => {
    const env = {
      LEASEHOLD_LEASE_RECOVERY_AFTER: String(CLAIM_TIMEOUT_SECONDS),
      LEASEHOLD_LEASE_WORKER_CONCURRENCY: "5",
    };
    world = await leaseWorld({ clock, env });
    second = await createTestServer({
      clock,
      sameDatabaseAs: world.server,
      env: { ...env, AWS_ENDPOINT_URL: world.proxy.url },
    });
  });
  afterAll(async () => {
    await second.close();
    await world.close();
  });

  it("a second instance never starts a cleanup that the first is still running", { timeout: 240_000 }, async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const usernames: string[] = [];
    for (let i = 0; i < LEASES; i++) usernames.push((await world.lease(name, { ttl: "10m" })).body.data.USERNAME);
    world.resetProxy();
    world.proxy.setDelay(150);
    clock.advance(10 * 60 + 1);

    const first = createLeaseWorker(world.server.core, world.server.services, "expiry").drain();
    let firstDone = false;
    void first.finally(() => {
      firstDone = true;
    });
    // Let A claim its batch first; B may take only what A has not claimed.
    while (world.proxy.requests.length === 0) await sleep(20);
    const other = createLeaseWorker(second.core, second.services, "expiry");
    let stolen = 0;
    while (!firstDone) {
      // Far past every claim's timeout, then one heartbeat's worth of real time, as a slow AWS would have it.
      clock.advance(CLAIM_TIMEOUT_SECONDS + 1);
      await sleep(CLAIM_HEARTBEAT_MS + 500);
      if (!firstDone) stolen += await other.drain();
    }
    expect(await first).toBe(LEASES);
    world.proxy.setDelay(0);

    const callsPerUser = (action: string) => {
      const counts = new Map<string, number>();
      for (const call of world.proxy.calls(action))
        counts.set(call.params.UserName!, (counts.get(call.params.UserName!) ?? 0) + 1);
      return counts;
    };
    const lists = callsPerUser("ListAccessKeys");
    const deletes = callsPerUser("DeleteUser");
    const doubled = usernames.filter((u) => (lists.get(u) ?? 0) > 1).length;
    process.stdout.write(
      `[claims figures] ${doubled} of ${LEASES} users cleaned up twice; ${stolen} claims taken over\n`,
    );
    expect(stolen).toBe(0);
    for (const username of usernames) {
      expect(lists.get(username), username).toBe(1);
      expect(deletes.get(username), username).toBe(1);
    }
  });

  it("the recovery worker never takes over a create that is still running", { timeout: 120_000 }, async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    world.resetProxy();
    // One slow AWS answer holds the create for several heartbeats.
    world.proxy.inject({ action: "CreateUser", fault: { kind: "delay", ms: 3 * CLAIM_HEARTBEAT_MS + 1000 } });
    let done = false;
    const creating = world.lease(name).finally(() => {
      done = true;
    });
    const recovery = createLeaseWorker(second.core, second.services, "recovery");
    let recovered = 0;
    let jumps = 0;
    while (!done) {
      // Past the recovery deadline each time, then a heartbeat's worth of real time.
      clock.advance(CLAIM_TIMEOUT_SECONDS + 1);
      jumps++;
      await sleep(CLAIM_HEARTBEAT_MS + 500);
      if (!done) recovered += await recovery.drain();
    }
    const created = await creating;
    expect(created.status, created.text).toBe(200);
    expect(created.body.lease.status).toBe("active");
    expect(jumps).toBeGreaterThan(1); // the create really outlived the recovery deadline
    expect(recovered).toBe(0);
    expect(world.proxy.calls("DeleteUser")).toHaveLength(0);
  });

  it("settles a create whose server stopped before any AWS call by saying so, with no AWS delete", async () => {
    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const db = world.server.database.db;
    const [secret] = await queryRows<{ id: string; org_id: string; project_id: string }>(
      db,
      sql`select id, org_id, project_id from dynamic_secrets where name = ${name}`,
    );
    // What recordIntent commits before the first AWS call; the server then "stopped" (no heartbeat runs for it).
    const now = clock.now();
    const username = unique("lh-never");
    const intent = await createLeasesRepo().insert(db, {
      id: randomUUID(),
      orgId: secret!.org_id,
      projectId: secret!.project_id,
      dynamicSecretId: secret!.id,
      status: "creating",
      username,
      expireAt: new Date(now.getTime() + 3_600_000),
      dueAt: new Date(now.getTime() + CLAIM_TIMEOUT_SECONDS * 1000),
      createdByType: "system",
      createdByName: "a server that stopped",
      createdAt: now,
      updatedAt: now,
    });
    world.resetProxy();
    clock.advance(CLAIM_TIMEOUT_SECONDS + 1);
    expect(await createLeaseWorker(second.core, second.services, "recovery").drain()).toBe(1);

    const [after] = await queryRows<{ status: string; status_details: string; creation_error: string }>(
      db,
      sql`select status, status_details, creation_error from dynamic_secret_leases where id = ${intent.id}`,
    );
    expect(after!.status).toBe("revoked");
    expect(after!.creation_error).toBe(INTERRUPTED_CREATION);
    expect(after!.status_details).toContain(`No IAM user named ${username} existed, so there was nothing to delete`);
    expect(after!.status_details).not.toMatch(/cleaned up|deleted the IAM user/);
    expect(world.proxy.calls("DeleteUser")).toHaveLength(0);
  });
});
