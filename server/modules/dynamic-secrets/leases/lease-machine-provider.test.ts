import { readdir, readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createTestClock } from "../../../../test/ground/in-process-server.ts";
import { queryRows } from "../../../db/client.ts";
import { AppError } from "../../../lib/http/errors.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";
import { type DynamicSecretProvider, ProviderFailure, type RevokeReason } from "../providers/provider.ts";

/**
 * The seam (decision 0800): a provider made up here, which holds nothing at AWS, runs through the whole lease
 * state machine — create, compensation, crash recovery, expiry, revoke and force revoke — so the machine
 * needs nothing from a provider but the interface.
 */
type CreateMode = "ok" | "fails-cleanly" | "fails-maybe-made" | "crashes";

function fakeProvider() {
  const state = {
    create: "ok" as CreateMode,
    revokeFails: false,
    /** What the fake "holds", by lease ID. */
    held: new Set<string>(),
    revokes: [] as { leaseId: string; reason: RevokeReason }[],
  };
  const provider: DynamicSecretProvider = {
    credentialType: "iam-user",
    renewRefusal: null,
    async create({ lease }) {
      if (state.create === "fails-cleanly")
        throw new ProviderFailure(new AppError(400, "fake_refused", "The fake refused."), false);
      state.held.add(lease.id);
      if (state.create === "fails-maybe-made")
        throw new ProviderFailure(new AppError(502, "fake_unsure", "The fake timed out."), true);
      if (state.create === "crashes") throw new Error("the fake crashed mid-create");
      return {
        data: { ACCESS_KEY: `FAKE${lease.id.slice(0, 8)}`, SECRET_ACCESS_KEY: "fake-secret", USERNAME: lease.username },
        externalEntityId: `fake:${lease.id}`,
        cleanup: { kind: "fake", id: lease.id },
      };
    },
    async revoke({ lease, reason }) {
      state.revokes.push({ leaseId: lease.id, reason });
      if (state.revokeFails) throw new AppError(502, "fake_down", "The fake is down.");
      const had = state.held.delete(lease.id);
      return { outcome: had ? "undone" : "absent", sentence: had ? "The fake undid it." : "The fake held nothing." };
    },
    words: {
      entity: "fake thing",
      nothingCreated: "The fake made nothing.",
      nameInUse: (name) => `The fake name ${name} is taken.`,
      cancelled: "The fake lease was cancelled.",
      mayRemain: () => "The fake thing may remain.",
    },
  };
  return { provider, state };
}

describe("the lease state machine with a provider that is not IAM", () => {
  const clock = createTestClock(new Date("2026-06-01T00:00:00Z"));
  const fake = fakeProvider();
  let world: LeaseWorld;
  let name: string;
  const revocation = () => world.server.services.leases.revocation;
  const status = async (id: string) =>
    (
      await queryRows<{ status: string; status_details: string | null; external_entity_id: string | null }>(
        world.server.database.db,
        sql`select status, status_details, external_entity_id from dynamic_secret_leases where id = ${id}`,
      )
    )[0]!;

  beforeAll(async () => {
    world = await leaseWorld({ clock, overrides: { providers: [fake.provider] } });
    ({ name } = await world.createSecret({ defaultTTL: "10m", maxTTL: "1h" }));
  });
  afterAll(() => world.close());

  it("create and revoke: the provider's credentials, entity ID and sentence", async () => {
    world.resetProxy();
    const res = await world.lease(name);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.ACCESS_KEY).toMatch(/^FAKE/);
    expect(res.body.lease.externalEntityId).toBe(`fake:${res.body.lease.id}`);
    const revoked = await world.admin.send(leaseRoutes.revoke, {
      params: { leaseId: res.body.lease.id },
      body: world.location,
    });
    expect(revoked.body.lease).toMatchObject({ status: "revoked", statusDetails: "The fake undid it." });
    expect(fake.state.revokes.at(-1)).toEqual({ leaseId: res.body.lease.id, reason: "revoke" });
    // The machine itself never called AWS.
    expect(world.proxy.requests).toEqual([]);
  });

  it("a create that made nothing settles at once; one that may have made something is undone", async () => {
    fake.state.create = "fails-cleanly";
    const clean = await world.lease(name);
    expect(clean.status).toBe(400);
    expect((await status(clean.body.details.leaseId)).status_details).toBe(
      "Creation failed: The fake refused. The fake made nothing.",
    );

    fake.state.create = "fails-maybe-made";
    const unsure = await world.lease(name);
    expect(unsure.status).toBe(502);
    const id = unsure.body.details.leaseId;
    expect(fake.state.held.has(id)).toBe(false);
    expect(fake.state.revokes.at(-1)).toEqual({ leaseId: id, reason: "abandoned" });
    expect(await status(id)).toMatchObject({ status: "revoked" });
    fake.state.create = "ok";
  });

  it("a create that died half-way is recovered, and an active lease expires, both through the provider", async () => {
    fake.state.create = "crashes";
    const crashed = await world.lease(name);
    expect(crashed.status).toBe(500);
    fake.state.create = "ok";
    const [stuck] = await queryRows<{ id: string }>(
      world.server.database.db,
      sql`select id from dynamic_secret_leases where status = 'creating'`,
    );
    expect(fake.state.held.has(stuck!.id)).toBe(true);

    const live = (await world.lease(name)).body.lease;
    clock.advance(11 * 60);
    await revocation().processDue("recovery", { batchSize: 10, concurrency: 2 });
    await revocation().processDue("expiry", { batchSize: 10, concurrency: 2 });
    expect(await status(stuck!.id)).toMatchObject({ status: "revoked" });
    expect(fake.state.held.has(stuck!.id)).toBe(false);
    expect(fake.state.revokes.find((r) => r.leaseId === stuck!.id)?.reason).toBe("abandoned");
    expect(await status(live.id)).toMatchObject({ status: "expired", status_details: "The fake undid it." });
    expect(fake.state.revokes.find((r) => r.leaseId === live.id)?.reason).toBe("expiry");
  });

  it("a revoke the provider keeps failing goes revoke_failed, and force revoke says what may remain", async () => {
    const lease = (await world.lease(name)).body.lease;
    fake.state.revokeFails = true;
    const failed = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
    expect(failed.status).toBe(502);
    expect((await status(lease.id)).status).toBe("revoke_failed");
    const forced = await world.admin.send(leaseRoutes.revoke, {
      params: { leaseId: lease.id },
      body: {
        ...world.location,
        isForced: true,
      },
    });
    expect(forced.status, forced.text).toBe(200);
    expect(forced.body.lease.statusDetails).toMatch(/AWS cleanup was not confirmed.*The fake thing may remain\./);
    fake.state.revokeFails = false;
  });

  it("no code of the machine names an IAM user", async () => {
    const dir = new URL(".", import.meta.url);
    for (const file of await readdir(dir)) {
      // The routes describe the API to people (its summaries name both kinds); the machine is everything else.
      if (!file.endsWith(".ts") || file.includes(".test.") || file.endsWith(".routes.ts")) continue;
      const text = await readFile(new URL(file, dir), "utf8");
      expect(text, file).not.toMatch(/IAM user|iam-user|IAMClient|aws-iam-user/);
    }
  });
});
