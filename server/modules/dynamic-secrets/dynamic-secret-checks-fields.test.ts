// Test configuration, field by field and action by action, against moto over HTTP. moto answers GetGroup,
// GetPolicy and ListUsers itself; it does not implement IAM's policy simulator (SimulatePrincipalPolicy and
// SimulateCustomPolicy answer a bare 500), so the recording proxy answers those as AWS would, from the managing
// user's policies as moto holds them (testing/policy-simulator.ts).
import {
  CreateGroupCommand,
  CreatePolicyCommand,
  DeleteUserPolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { permissionPolicy } from "#shared/aws-policies.ts";
import type { ConfigCheck } from "#shared/schemas/dynamic-secrets.ts";
import { createUserWithKey } from "../app-connections/app-connections.fixtures.ts";
import { iamAt, type LeaseWorld, leaseWorld, unique } from "./dynamic-secrets.fixtures.ts";
import { answerPolicySimulatorLikeAws } from "./policy-simulator.fixtures.ts";

const MANAGED = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const ALLOW_S3_READ = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
});

describe("Test configuration names the field or the IAM action that would make Generate fail", () => {
  let world: LeaseWorld;
  let managing: Awaited<ReturnType<typeof createUserWithKey>>;
  let group: string;
  let policyArn: string;
  let boundaryArn: string;
  const iam = () => iamAt(world.motoUrl);

  beforeAll(async () => {
    world = await leaseWorld();
    // The managing user holds exactly the policy the permission-policy builder writes for this path.
    managing = await createUserWithKey(
      iam(),
      permissionPolicy(["iam-dynamic-secrets"], { iamUserPath: world.awsPath }).policy,
    );
    world.managingSecrets.push(managing.secretAccessKey);
    group = unique("lh-group");
    await iam().send(new CreateGroupCommand({ GroupName: group, Path: "/teams/" }));
    const create = (name: string) =>
      iam().send(new CreatePolicyCommand({ PolicyName: unique(name), PolicyDocument: ALLOW_S3_READ }));
    policyArn = (await create("lh-policy")).Policy!.Arn!;
    boundaryArn = (await create("lh-boundary")).Policy!.Arn!;
  });
  afterAll(() => world.close());
  beforeEach(() => {
    world.resetProxy();
    answerPolicySimulatorLikeAws(world.proxy, iam());
  });

  const inputs = (extra: Record<string, unknown> = {}) => ({
    method: "access-key",
    accessKey: managing.accessKeyId,
    secretAccessKey: managing.secretAccessKey,
    region: "us-east-1",
    awsPath: world.awsPath,
    userGroups: group,
    policyArns: `${policyArn},${MANAGED}`,
    permissionBoundaryPolicyArn: boundaryArn,
    policyDocument: ALLOW_S3_READ,
    ...extra,
  });
  const test = async (extra: Record<string, unknown> = {}, body: Record<string, unknown> = {}) => {
    const res = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: { type: "aws-iam", inputs: inputs(extra) },
        usernameTemplate: "ci-{{random 6}}",
        ...body,
      },
    });
    expect(res.status, res.text).toBe(200);
    return res.body as { ok: boolean; callerArn: string; checks: ConfigCheck[] };
  };
  const byId = (checks: ConfigCheck[], id: string) => checks.find((c) => c.id === id);
  const field = (name: string) => ["provider", "inputs", name];

  it("all green: every field exists and the builder's policy allows every action; nothing is created", async () => {
    const started = performance.now();
    const answer = await test();
    const elapsed = performance.now() - started;
    expect(answer.checks.map((c) => [c.id, c.status])).toEqual([
      ["credentials", "ok"],
      ["field:awsPath", "ok"],
      ["field:userGroups", "ok"],
      ["field:policyArns", "ok"],
      ["field:permissionBoundaryPolicyArn", "ok"],
      ["field:policyDocument", "ok"],
      ["permissions", "ok"],
    ]);
    expect(answer.ok).toBe(true);
    expect(answer.callerArn).toBe(managing.arn);
    expect(byId(answer.checks, "permissions")!.message).toMatch(/allows .* all \d+ actions a lease needs/);
    // The simulator was asked about a sample user under the path, named by the template, and about the group.
    const asked = world.proxy.calls("SimulatePrincipalPolicy").map((r) => r.params["ResourceArns.member.1"]);
    expect(asked).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^arn:aws:iam::123456789012:user${world.awsPath}ci-[a-z0-9]{6}$`)),
        `arn:aws:iam::123456789012:group/teams/${group}`,
      ]),
    );
    const userCall = world.proxy
      .calls("SimulatePrincipalPolicy")
      .find((r) => r.params["ResourceArns.member.1"]?.includes(":user/"))!;
    expect(userCall.params.PolicySourceArn).toBe(managing.arn);
    expect(Object.values(userCall.params)).toEqual(expect.arrayContaining(["iam:CreateUser", "iam:DeleteUser"]));
    expect(userCall.params["ContextEntries.member.1.ContextKeyName"]).toBe("iam:PermissionsBoundary");
    for (const action of ["CreateUser", "CreateAccessKey", "AddUserToGroup", "AttachUserPolicy", "PutUserPolicy"])
      expect(world.proxy.calls(action)).toHaveLength(0);
    expect(elapsed).toBeLessThan(3000);
  });

  it("answers within a few seconds when every AWS call takes 150 ms (4 in flight at most)", async () => {
    world.proxy.setDelay(150);
    try {
      const started = performance.now();
      const answer = await test();
      const elapsed = performance.now() - started;
      expect(answer.ok).toBe(true);
      // 10 calls: GetCallerIdentity, then 6 reads and the simulator's 3 plans, 4 at a time: 6 round trips.
      expect(world.proxy.requests).toHaveLength(10);
      expect(elapsed).toBeLessThan(2500);
    } finally {
      world.proxy.setDelay(0);
    }
  });

  it("a missing group fails userGroups and names that group only", async () => {
    const typo = `${group}-typo`;
    const answer = await test({ userGroups: `${group},${typo}` });
    const check = byId(answer.checks, "field:userGroups")!;
    expect(check).toMatchObject({ status: "failed", ok: false, field: field("userGroups"), action: "iam:GetGroup" });
    expect(check.message).toContain(`The group "${typo}" does not exist`);
    expect(check.message).not.toContain(`"${group}" does not exist`);
    expect(answer.ok).toBe(false);
  });

  it("a missing managed policy fails policyArns; a missing boundary fails permissionBoundaryPolicyArn", async () => {
    const gone = "arn:aws:iam::123456789012:policy/no-such-policy";
    const answer = await test({ policyArns: `${policyArn},${gone}`, permissionBoundaryPolicyArn: `${gone}-boundary` });
    const policies = byId(answer.checks, "field:policyArns")!;
    expect(policies).toMatchObject({ status: "failed", field: field("policyArns"), action: "iam:GetPolicy" });
    expect(policies.message).toMatch(/no-such-policy does not exist: Generate would fail at iam:AttachUserPolicy/);
    const boundary = byId(answer.checks, "field:permissionBoundaryPolicyArn")!;
    expect(boundary).toMatchObject({ status: "failed", field: field("permissionBoundaryPolicyArn") });
    expect(boundary.message).toMatch(/permissions boundary .* does not exist: Generate would fail at iam:CreateUser/);
  });

  it("a path outside the policy's scope: CreateUser and the rest are denied there, each named", async () => {
    const answer = await test({ awsPath: "/somewhere-else/" });
    const createUser = byId(answer.checks, "action:iam:CreateUser")!;
    expect(createUser).toMatchObject({ status: "failed", action: "iam:CreateUser", field: null });
    expect(createUser.message).toContain(":user/somewhere-else/ci-");
    expect(createUser.message).toMatch(/no policy allows it.*Generate would fail.*Add it to the principal's policy/);
    expect(byId(answer.checks, "action:iam:DeleteUser")!.message).toMatch(/revoking or expiring a lease would fail/);
    expect(byId(answer.checks, "action:iam:ListUsers")!.status).toBe("warning");
    expect(byId(answer.checks, "permissions")).toBeUndefined();
    expect(answer.ok).toBe(false);
  });

  it("IAM refusing ListUsers under the path is a warning at awsPath, not a failure", async () => {
    world.proxy.inject({
      action: "ListUsers",
      fault: { kind: "aws-error", code: "AccessDenied", status: 403, message: "not authorized: iam:ListUsers" },
    });
    const check = byId((await test()).checks, "field:awsPath")!;
    expect(check).toMatchObject({ status: "warning", ok: true, field: field("awsPath"), action: "iam:ListUsers" });
    expect(check.message).toMatch(/not allowed to call iam:ListUsers.*orphan check/);
  });

  it("each action a Deny in the managing user's policies refuses is named, with the policy and the fix", async () => {
    await iam().send(
      new PutUserPolicyCommand({
        UserName: managing.userName,
        PolicyName: "no-keys",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Action: ["iam:CreateAccessKey", "iam:AddUserToGroup"], Resource: "*" }],
        }),
      }),
    );
    try {
      const answer = await test();
      const denied = answer.checks.filter((c) => c.id.startsWith("action:")).map((c) => [c.action, c.status]);
      expect(denied).toEqual([
        ["iam:CreateAccessKey", "failed"],
        ["iam:AddUserToGroup", "failed"],
      ]);
      const key = byId(answer.checks, "action:iam:CreateAccessKey")!;
      expect(key.message).toMatch(/a Deny statement in no-keys refuses it.*issue the lease's access key.*Generate/);
      expect(key.message).toMatch(/Remove or narrow that Deny\.$/);
      expect(byId(answer.checks, "action:iam:AddUserToGroup")!.message).toContain(`group/teams/${group}`);
    } finally {
      await iam().send(new DeleteUserPolicyCommand({ UserName: managing.userName, PolicyName: "no-keys" }));
    }
  });

  it("a principal that may not simulate gets a skipped check that says why, and the answer stays ok", async () => {
    world.resetProxy(); // without the simulator stand-in: AccessDenied as AWS answers it
    world.proxy.inject({
      action: "SimulatePrincipalPolicy",
      times: Infinity,
      fault: { kind: "aws-error", code: "AccessDenied", status: 403, message: "not authorized" },
    });
    const answer = await test({ policyDocument: "" });
    expect(byId(answer.checks, "permissions")).toMatchObject({
      status: "skipped",
      ok: true,
      action: "iam:SimulatePrincipalPolicy",
    });
    expect(byId(answer.checks, "permissions")!.message).toMatch(
      /may not call iam:SimulatePrincipalPolicy.*Generate does not need it/,
    );
    expect(answer.ok).toBe(true);
  });

  it("a policy document IAM would refuse, and a template that renders no IAM name, fail at their fields", async () => {
    const lowercaseEffect = JSON.stringify({ Statement: [{ Effect: "allow", Action: "s3:GetObject", Resource: "*" }] });
    const answer = await test({ policyDocument: lowercaseEffect }, { usernameTemplate: "{{process.env}}" });
    expect(byId(answer.checks, "field:policyDocument")).toMatchObject({
      status: "failed",
      field: field("policyDocument"),
      message: expect.stringMatching(/"Effect" must be "Allow" or "Deny": AWS would refuse it at iam:PutUserPolicy/),
    });
    expect(byId(answer.checks, "field:usernameTemplate")).toMatchObject({
      status: "failed",
      field: ["usernameTemplate"],
    });
  });
});
