import { CreateRoleCommand, GetRolePolicyCommand, GetUserPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createTestClock } from "../../../../../test/ground/in-process-server.ts";
import { queryRows } from "../../../../db/client.ts";
import { createRole, createUserWithKey, leaksOf } from "../../../app-connections/app-connections.fixtures.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "../../dynamic-secrets.fixtures.ts";
import { REVOKED_SESSIONS_POLICY } from "./revoked-sessions-policy.ts";

const SESSION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});

async function deniedAt(world: LeaseWorld, target: { role?: string; user?: string }): Promise<string[]> {
  const iam = iamAt(world.motoUrl);
  try {
    const res = target.role
      ? await iam.send(new GetRolePolicyCommand({ RoleName: target.role, PolicyName: REVOKED_SESSIONS_POLICY }))
      : await iam.send(new GetUserPolicyCommand({ UserName: target.user!, PolicyName: REVOKED_SESSIONS_POLICY }));
    const doc = JSON.parse(decodeURIComponent(res.PolicyDocument!));
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0]).toMatchObject({ Effect: "Deny", Action: "*", Resource: "*" });
    return doc.Statement[0].Condition.StringEquals["aws:userid"];
  } catch (error) {
    if (/NoSuchEntity/.test((error as Error).name)) return [];
    throw error;
  }
}

const stsWith = (world: LeaseWorld, data: Record<string, string>) =>
  new STSClient({
    region: "us-east-1",
    endpoint: world.motoUrl,
    credentials: {
      accessKeyId: data.ACCESS_KEY!,
      secretAccessKey: data.SECRET_ACCESS_KEY!,
      sessionToken: data.SESSION_TOKEN!,
    },
  });

const temporary = (inputs: Record<string, unknown>) => ({
  credentialType: "temporary-credentials",
  awsPath: undefined,
  ...inputs,
});

describe("temporary credentials (credentialType temporary-credentials) against moto", () => {
  const clock = createTestClock(new Date());
  let world: LeaseWorld;
  let roleArn: string;
  let roleName: string;

  beforeAll(async () => {
    world = await leaseWorld({ clock });
    roleArn = await createRole(iamAt(world.motoUrl));
    roleName = roleArn.split("/").pop()!;
  });
  afterAll(() => world.close());

  const assumeRoleSecret = (inputs: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}) =>
    world.createSecret(
      { defaultTTL: "30m", maxTTL: "2h", ...overrides },
      temporary({ method: "assume-role", accessKey: undefined, secretAccessKey: undefined, roleArn, ...inputs }),
    );

  it("assume-role: one AssumeRole with External ID, session name, source identity, duration and policy", async () => {
    const { name } = await assumeRoleSecret({
      sessionPolicy: SESSION_POLICY,
      sessionTags: [{ key: "team", value: "payments" }],
    });
    world.resetProxy();
    const res = await world.lease(name, { ttl: "20m" });
    expect(res.status, res.text).toBe(200);
    const { lease, data } = res.body;
    expect(Object.keys(data).sort()).toEqual(["ACCESS_KEY", "SECRET_ACCESS_KEY", "SESSION_TOKEN"]);

    // One AWS round trip, and what it carried.
    const calls = world.proxy.requests.filter((r) => r.service === "sts" || r.service === "iam");
    expect(calls.map((r) => r.action)).toEqual(["AssumeRole"]);
    const params = calls[0]!.params;
    expect(params.RoleArn).toBe(roleArn);
    expect(params.ExternalId).toBe(world.projectId);
    expect(params.DurationSeconds).toBe("1200");
    expect(params.RoleSessionName).toBe(lease.username);
    expect(params.SourceIdentity).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(params.SourceIdentity).toContain("Admin"); // the person who asked, as AWS allows it
    expect(JSON.parse(params.Policy!)).toEqual(JSON.parse(SESSION_POLICY));
    expect(params["Tags.member.1.Key"]).toBe("team");

    // expireAt is the credentials' Expiration, and the session is the role's, named after the lease.
    const answer = calls[0]!.outcome.kind === "forwarded" ? calls[0]!.outcome.body : "";
    const expiration = /<Expiration>([^<]+)<\/Expiration>/.exec(answer)![1]!;
    // moto writes microseconds; the SDK and Date.parse round them differently.
    expect(Math.abs(Date.parse(lease.expireAt) - Date.parse(expiration))).toBeLessThanOrEqual(1);
    expect(lease.externalEntityId).toMatch(new RegExp(`:${lease.username}$`));
    const identity = await stsWith(world, data).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::123456789012:assumed-role/${roleName}/${lease.username}`);

    // Nothing secret is kept or logged.
    expect(await leaksOf(world, [data.SECRET_ACCESS_KEY, data.SESSION_TOKEN])).toEqual([
      // The create response itself is the one place they appear.
      `${data.SECRET_ACCESS_KEY.slice(0, 4)}… in responses`,
      `${data.SESSION_TOKEN.slice(0, 4)}… in responses`,
    ]);
  });

  it("revoke denies the session's aws:userid on the role; two revokes, two entries; renew is refused", async () => {
    const { name } = await assumeRoleSecret();
    const first = (await world.lease(name)).body.lease;
    const second = (await world.lease(name)).body.lease;

    const renew = await world.admin.send(leaseRoutes.renew, {
      params: { leaseId: first.id },
      body: {
        ...world.location,
        ttl: "10m",
      },
    });
    expect(renew.status).toBe(400);
    expect(renew.body.message).toMatch(/^Dynamic secret lease with ID '.+' cannot be renewed/);
    expect(renew.body.message).toMatch(/Create a new lease/);

    world.resetProxy();
    const revoked = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: first.id }, body: world.location });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.lease.status).toBe("revoked");
    expect(revoked.body.lease.statusDetails).toMatch(/Denied at AWS/);
    // One IAM write: the deny list comes from the lease rows, not from reading the policy.
    expect(world.proxy.requests.filter((r) => r.service === "iam").map((r) => r.action)).toEqual(["PutRolePolicy"]);
    expect(await deniedAt(world, { role: roleName })).toEqual([first.externalEntityId]);

    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: second.id }, body: world.location });
    expect((await deniedAt(world, { role: roleName })).sort()).toEqual(
      [first.externalEntityId, second.externalEntityId].sort(),
    );
  });

  it("entries leave the policy once their credentials have expired", async () => {
    const prunedRole = await createRole(iamAt(world.motoUrl));
    const { name } = await assumeRoleSecret({ roleArn: prunedRole }, { defaultTTL: "15m" });
    // The server's clock is the test's, AWS's expirations are wall time: start both together.
    clock.set(new Date());
    const old = (await world.lease(name)).body.lease;
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: old.id }, body: world.location });
    const short = prunedRole.split("/").pop()!;
    expect(await deniedAt(world, { role: short })).toEqual([old.externalEntityId]);

    clock.advance(16 * 60);
    const fresh = (await world.lease(name, { ttl: "1h" })).body.lease;
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: fresh.id }, body: world.location });
    expect(await deniedAt(world, { role: short })).toEqual([fresh.externalEntityId]);
    clock.set(new Date());
  });

  it("access-key: GetSessionToken credentials say up front that AWS cannot revoke them", async () => {
    const user = await createUserWithKey(iamAt(world.motoUrl));
    const { name } = await world.createSecret(
      { defaultTTL: "1h", maxTTL: "36h" },
      temporary({ method: "access-key", accessKey: user.accessKeyId, secretAccessKey: user.secretAccessKey }),
    );
    world.resetProxy();
    const res = await world.lease(name, { ttl: "20h" });
    expect(res.status, res.text).toBe(200);
    expect(world.proxy.calls("GetSessionToken")).toHaveLength(1);
    expect(world.proxy.calls("GetSessionToken")[0]!.params.DurationSeconds).toBe(String(20 * 3600));
    expect(res.body.lease.statusDetails).toMatch(/AWS cannot revoke GetSessionToken credentials/);
    const revoked = await world.admin.send(leaseRoutes.revoke, {
      params: { leaseId: res.body.lease.id },
      body: world.location,
    });
    expect(revoked.body.lease.statusDetails).toMatch(/Revoked in Leasehold only/);
  });

  it("access-key with a session policy: a federation token, denied on the base user at revoke", async () => {
    const user = await createUserWithKey(iamAt(world.motoUrl));
    const { name } = await world.createSecret(
      { defaultTTL: "1h", maxTTL: "2h" },
      temporary({
        method: "access-key",
        accessKey: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        sessionPolicy: SESSION_POLICY,
      }),
    );
    const res = await world.lease(name);
    expect(res.status, res.text).toBe(200);
    expect(res.body.lease.externalEntityId).toMatch(/^123456789012:/);
    expect(res.body.data.SESSION_TOKEN).toBeTruthy();
    await world.admin.send(leaseRoutes.revoke, { params: { leaseId: res.body.lease.id }, body: world.location });
    expect(await deniedAt(world, { user: user.userName })).toEqual([res.body.lease.externalEntityId]);
  });

  it('takes Infisical\'s SDK shape: the IAM-user fields sent empty, then a lease with ttl ""', async () => {
    const name = unique("sdk");
    const created = await world.admin.send(dynamicSecretRoutes.create, {
      body: {
        ...world.location,
        name,
        defaultTTL: "1h",
        maxTTL: "2h",
        provider: {
          type: "aws-iam",
          inputs: {
            credentialType: "temporary-credentials",
            method: "assume-role",
            roleArn,
            region: "us-east-1",
            awsPath: "",
            userGroups: "",
            policyArns: "",
            permissionBoundaryPolicyArn: "",
            policyDocument: "",
            tags: [],
          },
        },
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body.dynamicSecret.inputs.credentialType).toBe("temporary-credentials");
    const leased = await world.lease(name, { ttl: "" });
    expect(leased.status, leased.text).toBe(200);
    expect(Date.parse(leased.body.lease.expireAt) - Date.parse(leased.body.lease.createdAt)).toBeGreaterThan(3500_000);
    expect(Object.keys(leased.body.data).sort()).toEqual(["ACCESS_KEY", "SECRET_ACCESS_KEY", "SESSION_TOKEN"]);
  });

  it("Test configuration reads the role's MaxSessionDuration and warns when the max TTL is longer", async () => {
    const iam = iamAt(world.motoUrl);
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: unique("lh-short"),
        MaxSessionDuration: 3600,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );
    const test = (maxTTL: string) =>
      world.admin.send(dynamicSecretRoutes.testConfiguration, {
        body: {
          ...world.location,
          maxTTL,
          provider: {
            type: "aws-iam",
            inputs: temporary({ method: "assume-role", roleArn: created.Role!.Arn!, region: "us-east-1" }),
          },
        },
      });
    const long = await test("2h");
    expect(long.status, long.text).toBe(200);
    expect(long.body.checks[1]).toMatchObject({
      id: "session:duration",
      step: "session",
      ok: false,
      status: "failed",
      field: ["maxTTL"],
    });
    expect(long.body.checks[1].message).toMatch(/at most 1h \(MaxSessionDuration\)/);
    const fits = await test("1h");
    expect(fits.body.ok).toBe(true);
    expect(fits.body.checks.slice(0, 3)).toMatchObject([
      { id: "credentials", ok: true },
      { id: "session:duration", status: "ok" },
      { id: "session:assume-role", status: "ok" },
    ]);
    // The trial session is asked for as Generate asks: External ID, SourceIdentity, 15 minutes.
    const trial = world.proxy
      .calls("AssumeRole")
      .find((r) => r.params.RoleSessionName === "leasehold-test-configuration");
    expect(trial?.params).toMatchObject({ DurationSeconds: "900", ExternalId: world.projectId });
    expect(trial?.params.SourceIdentity).toBeTruthy();
  });

  it("a create interrupted after AssumeRole is settled by recovery: never handed out, nothing to undo", async () => {
    const held = await createRole(iamAt(world.motoUrl));
    const { name } = await assumeRoleSecret({ roleArn: held });
    await world.lease(name); // the managing session is cached: the next AssumeRole is the lease's own
    let release = () => {};
    const before = world.proxy.calls("AssumeRole").length;
    const kill = world.proxy.on("AssumeRole", () => new Promise<void>((resolve) => (release = resolve)));
    const pending = world.lease(name);
    await expect.poll(() => world.proxy.calls("AssumeRole").length).toBeGreaterThan(before);
    const [row] = await queryRows<{ id: string }>(
      world.server.database.db,
      sql`select id from dynamic_secret_leases where status = 'creating' order by created_at desc limit 1`,
    );
    clock.advance(10 * 60);
    await world.server.services.leases.revocation.processDue("recovery", { batchSize: 10, concurrency: 2 });
    const [after] = await queryRows<{ status: string; status_details: string }>(
      world.server.database.db,
      sql`select status, status_details from dynamic_secret_leases where id = ${row!.id}`,
    );
    expect(after).toMatchObject({ status: "revoked" });
    expect(after!.status_details).toMatch(/The server stopped before the lease was activated.*never handed out/);

    // AWS answers after all: the creator finds the lease taken over, and denies the session it was given.
    kill();
    release();
    const answer = await pending;
    expect(answer.status).toBe(409);
    expect(answer.body.reasonCode).toBe("lease_cancelled");
    expect(await deniedAt(world, { role: held.split("/").pop()! })).toHaveLength(1);
    clock.set(new Date());
  });

  it("refuses what does not apply, and AWS's session limits, each naming the field", async () => {
    const create = (inputs: Record<string, unknown>, ttls: Record<string, unknown> = {}) =>
      world.admin.send(dynamicSecretRoutes.create, {
        body: {
          ...world.location,
          name: unique("ds"),
          defaultTTL: "30m",
          ...ttls,
          provider: { type: "aws-iam", inputs: { region: "us-east-1", ...temporary(inputs) } },
        },
      });
    const role = { method: "assume-role", roleArn };
    for (const [field, value] of [
      ["userGroups", "admins"],
      ["awsPath", "/x/"],
      ["permissionBoundaryPolicyArn", "arn:aws:iam::123456789012:policy/b"],
      ["tags", [{ key: "a", value: "b" }]],
      ["policyArns", "arn:aws:iam::123456789012:policy/p"],
    ] as const) {
      const res = await create({ ...role, [field]: value });
      expect(res.status, field).toBe(400);
      expect(res.body.issues[0].path).toEqual(["provider", "inputs", field]);
    }
    const tooShort = await create(role, { defaultTTL: "10m" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.issues[0].path).toEqual(["defaultTTL"]);
    const tooLong = await create(role, { maxTTL: "13h" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues[0]).toMatchObject({ path: ["maxTTL"], message: expect.stringMatching(/12 hours/) });

    // No max TTL: AWS's cap becomes it.
    const capped = await create(role);
    expect(capped.status, capped.text).toBe(200);
    expect(capped.body.dynamicSecret.maxTTL).toBe("12h");
    const lease = await world.lease(capped.body.dynamicSecret.name, { ttl: "5m" });
    expect(lease.status).toBe(400);
    expect(lease.body.issues[0].path).toEqual(["ttl"]);
  });
});
