import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { operationsRoutes } from "#client/core/routes/operations.ts";
import { createTestClock, createTestServer } from "../../../../test/ground/in-process-server.ts";
import { createLeaseWorker } from "../../../workers/lease-workers.ts";
import { createAwsIdentity } from "../../aws-auth/identity.fixtures.ts";
import { createIamUser } from "../../aws-auth/moto-principals.fixtures.ts";
import { signedLogin } from "../../aws-auth/signed-login.fixtures.ts";
import { type LeaseWorld, leaseWorld } from "../dynamic-secrets.fixtures.ts";

const METRICS_TOKEN = "metrics-token-for-tests-0123456789";

/** One sample's value from Prometheus text: `name{labels} value`, labels matched as written. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(" ").at(-1));
  }
  return undefined;
}

describe("GET /metrics and the overdue-revocation banner's API", () => {
  const clock = createTestClock(new Date());
  let world: LeaseWorld;
  const scrape = (token = METRICS_TOKEN) =>
    world.server
      .client()
      .send(operationsRoutes.metrics, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    world = await leaseWorld({ clock, env: { LEASEHOLD_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(() => world.close());

  it("is off by default", async () => {
    const plain = await createTestServer();
    try {
      const res = await plain
        .client()
        .send(operationsRoutes.metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("leasehold_");
    } finally {
      await plain.close();
    }
  });

  it("answers only the scraper that presents the token", async () => {
    expect((await scrape("")).status).toBe(401);
    expect((await scrape("wrong-token-wrong-token-wrong")).status).toBe(401);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
  });

  it("counts logins by outcome and reason, AWS calls by operation, and leases by status and secret", async () => {
    const org = { admin: world.admin, orgId: world.orgId };
    const user = await createIamUser(world.motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn });
    const { identity: other } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: `${user.arn}-other`,
    });
    const machine = world.server.client();
    const ok = await machine.send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials, signingDate: clock.now() }),
    });
    expect(ok.status).toBe(200);
    const refused = await machine.send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: other.id, credentials: user.credentials, signingDate: clock.now() }),
    });
    expect(refused.status).toBe(403);

    const { name, body } = await world.createSecret({ defaultTTL: "1h" });
    const lease = (await world.lease(name)).body;
    expect(lease.lease.status).toBe("active");

    const text = (await scrape()).text;
    expect(sample(text, "leasehold_logins_total", { method: "aws-auth", outcome: "success", reason: "ok" })).toBe(1);
    expect(sample(text, "leasehold_logins_total", { outcome: "refused", reason: "principal_arn_not_allowed" })).toBe(1);
    expect(
      sample(text, "leasehold_aws_calls_total", { service: "iam", operation: "CreateUser", outcome: "success" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      // Both logins reached STS, which vouched for the user; the second was refused afterwards.
      sample(text, "leasehold_aws_calls_total", { operation: "GetCallerIdentity (login)", outcome: "success" }),
    ).toBe(2);
    expect(sample(text, "leasehold_aws_call_duration_seconds_count", { operation: "CreateUser" })).toBeGreaterThan(0);
    expect(sample(text, "leasehold_leases", { status: "active", dynamic_secret_id: body.dynamicSecret.id })).toBe(1);
    expect(sample(text, "leasehold_oldest_overdue_revocation_seconds")).toBe(0);
    // Nothing secret or unbounded in any label or value.
    for (const secret of [ok.body.accessToken, lease.data.SECRET_ACCESS_KEY, lease.data.ACCESS_KEY, user.arn])
      expect(text).not.toContain(secret);
    expect(text).not.toContain(lease.data.USERNAME);
  });

  it("reports overdue revocations to org admins only, with the count, the oldest and the last error", async () => {
    const empty = await world.admin.send(auditRoutes.leaseHealth, { params: { orgId: world.orgId } });
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body.overdueRevocations).toEqual({ count: 0, oldestExpiredAt: null, lastError: null });

    const { name } = await world.createSecret({ defaultTTL: "1h" });
    const first = (await world.lease(name, { ttl: "10m" })).body.lease;
    await world.lease(name, { ttl: "20m" });
    world.resetProxy();
    world.proxy.inject({
      action: "DeleteUser",
      times: Infinity,
      fault: { kind: "aws-error", code: "ServiceFailure", status: 500, message: "IAM is down" },
    });
    clock.advance(25 * 60);
    await createLeaseWorker(world.server.core, world.server.services, "expiry").drain();

    const res = await world.admin.send(auditRoutes.leaseHealth, { params: { orgId: world.orgId } });
    expect(res.body.overdueRevocations.count).toBe(2);
    expect(res.body.overdueRevocations.oldestExpiredAt).toBe(first.expireAt);
    expect(res.body.overdueRevocations.lastError.message).toMatch(/iam:DeleteUser/);
    const age = sample((await scrape()).text, "leasehold_oldest_overdue_revocation_seconds")!;
    expect(age).toBeGreaterThanOrEqual(15 * 60);
    expect(sample((await scrape()).text, "leasehold_lease_revocations_failed_total")).toBeGreaterThanOrEqual(2);

    const { client: developer } = await world.person("developer");
    expect((await developer.send(auditRoutes.leaseHealth, { params: { orgId: world.orgId } })).status).toBe(403);
    const stranger = await world.server.createOtherOrgAdmin();
    expect((await stranger.client.send(auditRoutes.leaseHealth, { params: { orgId: world.orgId } })).status).toBe(404);

    world.resetProxy();
    clock.advance(3600);
    await createLeaseWorker(world.server.core, world.server.services, "expiry").drain();
    const after = await world.admin.send(auditRoutes.leaseHealth, { params: { orgId: world.orgId } });
    expect(after.body.overdueRevocations.count).toBe(0);
  });
});
