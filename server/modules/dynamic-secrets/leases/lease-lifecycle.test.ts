import {
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "../dynamic-secrets.fixtures.ts";

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});

describe("lease lifecycle against moto", () => {
  let world: LeaseWorld;
  const groups = [unique("lh-g"), unique("lh-g")];
  let policyArns: string[];

  beforeAll(async () => {
    world = await leaseWorld();
    const iam = iamAt(world.motoUrl);
    for (const group of groups) await iam.send(new CreateGroupCommand({ GroupName: group }));
    policyArns = [];
    for (let i = 0; i < 2; i++) {
      const res = await iam.send(new CreatePolicyCommand({ PolicyName: unique("lh-p"), PolicyDocument: POLICY }));
      policyArns.push(res.Policy!.Arn!);
    }
  });
  afterAll(() => world.close());

  it("creates the IAM user with path, tags, groups, policies and a key, then revokes it completely", async () => {
    const boundary = policyArns[0]!;
    const { name } = await world.createSecret(
      {},
      {
        userGroups: ` ${groups[0]} , ${groups[1]} ,`,
        policyArns: policyArns.join(","),
        policyDocument: POLICY,
        permissionBoundaryPolicyArn: boundary,
        tags: [{ key: "team", value: "payments" }],
      },
    );
    world.resetProxy();

    const res = await world.lease(name, { ttl: "30m" });
    expect(res.status, res.text).toBe(200);
    const { lease, data } = res.body;
    expect(lease.status).toBe("active");
    expect(data.USERNAME).toBe(lease.externalEntityId);
    expect(data.ACCESS_KEY).toMatch(/^[A-Z0-9]{16,}$/);
    expect(data.SECRET_ACCESS_KEY.length).toBeGreaterThan(20);
    expect(new Date(lease.expireAt).getTime() - new Date(lease.createdAt).getTime()).toBe(30 * 60 * 1000);

    const iam = iamAt(world.motoUrl);
    const user = (await iam.send(new GetUserCommand({ UserName: data.USERNAME }))).User!;
    expect(user.Path).toBe(world.awsPath);
    expect(user.Tags).toEqual(
      expect.arrayContaining([
        { Key: "team", Value: "payments" },
        { Key: "leasehold:managed", Value: "true" },
        { Key: "leasehold:lease-id", Value: lease.id },
      ]),
    );
    const inGroups = (await iam.send(new ListGroupsForUserCommand({ UserName: data.USERNAME })))
      .Groups!.map((g) => g.GroupName)
      .sort();
    expect(inGroups).toEqual([...groups].sort());
    const attached = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: data.USERNAME })))
      .AttachedPolicies!.map((p) => p.PolicyArn)
      .sort();
    expect(attached).toEqual([...policyArns].sort());
    const inline = await iam.send(
      new GetUserPolicyCommand({ UserName: data.USERNAME, PolicyName: "leasehold-lease-policy" }),
    );
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(JSON.parse(POLICY));
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: data.USERNAME }))).AccessKeyMetadata!;
    expect(keys.map((k) => k.AccessKeyId)).toEqual([data.ACCESS_KEY]);

    // moto drops PermissionsBoundary, so the proof is that CreateUser carried it.
    const createUser = world.proxy.calls("CreateUser", "iam");
    expect(createUser).toHaveLength(1);
    expect(createUser[0]!.params.PermissionsBoundary).toBe(boundary);
    expect(createUser[0]!.params.Path).toBe(world.awsPath);

    const revoked = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.lease.status).toBe("revoked");
    expect(revoked.body.lease.revokedBy.type).toBe("user");
    expect(await world.userExists(data.USERNAME)).toBe(false);
    // The row stays for history.
    const after = await world.admin.send(leaseRoutes.get, {
      params: { leaseId: lease.id },
      query: { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" },
    });
    expect(after.body.lease.status).toBe("revoked");
    expect(after.body.lease.revokedAt).not.toBeNull();
  });

  it("accepts the delete fields as query parameters too, and revoking twice answers the revoked lease", async () => {
    const { name } = await world.createSecret();
    const { lease } = (await world.lease(name)).body;
    const query = { projectSlug: world.location.projectSlug, environmentSlug: "dev", path: "/" };
    const first = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, query });
    expect(first.status, first.text).toBe(200);
    expect(first.body.lease.status).toBe("revoked");
    const again = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, query });
    expect(again.status).toBe(200);
    expect(again.body.lease.version).toBe(first.body.lease.version);
  });

  it("revokes a user whose managed policy was attached out of band", async () => {
    const { name } = await world.createSecret();
    const { lease, data } = (await world.lease(name)).body;
    await iamAt(world.motoUrl).send(new AttachUserPolicyCommand({ UserName: data.USERNAME, PolicyArn: policyArns[1] }));
    const res = await world.admin.send(leaseRoutes.revoke, { params: { leaseId: lease.id }, body: world.location });
    expect(res.body.lease.status).toBe("revoked");
    expect(await world.userExists(data.USERNAME)).toBe(false);
  });
});
