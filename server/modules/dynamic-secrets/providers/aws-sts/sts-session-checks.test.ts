// Test configuration for temporary credentials, against moto over HTTP. moto does not weigh trust policies
// unless authenticating, nor implement the policy simulator: the proxy refuses the trial AssumeRole as AWS
// does when the trust policy lacks sts:SetSourceIdentity, and answers SimulatePrincipalPolicy from the
// principal's policies in moto (testing/policy-simulator.ts).
import { PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import type { ConfigCheck } from "#shared/schemas/dynamic-secrets.ts";
import { createRole, createUserWithKey } from "../../../app-connections/app-connections.fixtures.ts";
import { iamAt, type LeaseWorld, leaseWorld } from "../../dynamic-secrets.fixtures.ts";
import { answerPolicySimulatorLikeAws } from "../../policy-simulator.fixtures.ts";

const FEDERATION_ONLY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["sts:GetFederationToken", "iam:GetUserPolicy"], Resource: "*" }],
};
const SESSION_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }],
});

describe("Test configuration for temporary credentials", () => {
  let world: LeaseWorld;
  const iam = () => iamAt(world.motoUrl);
  beforeAll(async () => {
    world = await leaseWorld();
  });
  afterAll(() => world.close());
  beforeEach(() => {
    world.resetProxy();
    answerPolicySimulatorLikeAws(world.proxy, iam());
  });

  const test = async (inputs: Record<string, unknown>) => {
    const res = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        ...world.location,
        provider: {
          type: "aws-iam",
          inputs: { credentialType: "temporary-credentials", region: "us-east-1", ...inputs },
        },
      },
    });
    expect(res.status, res.text).toBe(200);
    return res.body as { ok: boolean; checks: ConfigCheck[] };
  };
  const byId = (checks: ConfigCheck[], id: string) => checks.find((c) => c.id === id);

  it("a role that may write its own deny list passes; one that may not is named at iam:PutRolePolicy", async () => {
    const roleArn = await createRole(iam());
    const roleName = roleArn.split("/").pop()!;
    const refused = await test({ method: "assume-role", roleArn });
    expect(byId(refused.checks, "session:assume-role")).toMatchObject({ status: "ok" });
    const put = byId(refused.checks, "action:iam:PutRolePolicy")!;
    expect(put).toMatchObject({ status: "failed", action: "iam:PutRolePolicy" });
    expect(put.message).toMatch(/write the revoked-sessions deny list.*credentials would stay valid at AWS/);
    expect(refused.ok).toBe(false);

    await iam().send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: "own-deny-list",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy"],
              Resource: roleArn,
            },
          ],
        }),
      }),
    );
    const allowed = await test({ method: "assume-role", roleArn });
    expect(allowed.checks.map((c) => [c.id, c.status])).toEqual([
      ["credentials", "ok"],
      ["session:duration", "ok"],
      ["session:assume-role", "ok"],
      ["permissions", "ok"],
    ]);
    const simulated = world.proxy.calls("SimulatePrincipalPolicy").at(-1)!;
    expect(simulated.params.PolicySourceArn).toBe(roleArn);
  });

  it("a trust policy without sts:SetSourceIdentity fails the trial session, at the role ARN, and says so", async () => {
    const roleArn = await createRole(iam());
    // What STS answers when the trust policy allows sts:AssumeRole but not sts:SetSourceIdentity.
    world.proxy.inject({
      action: "AssumeRole",
      when: (r) => r.params.RoleSessionName === "leasehold-test-configuration" && Boolean(r.params.SourceIdentity),
      fault: {
        kind: "aws-error",
        code: "AccessDenied",
        status: 403,
        message:
          "User: arn:aws:iam::123456789012:user/moto is not authorized to perform: " +
          `sts:SetSourceIdentity on resource: ${roleArn}`,
      },
    });
    const answer = await test({ method: "assume-role", roleArn, sessionTags: [{ key: "team", value: "ci" }] });
    const trial = byId(answer.checks, "session:assume-role")!;
    expect(trial).toMatchObject({
      status: "failed",
      action: "sts:AssumeRole",
      field: ["provider", "inputs", "roleArn"],
    });
    expect(trial.message).toMatch(/trust policy must allow sts:SetSourceIdentity and sts:TagSession/);
    expect(answer.ok).toBe(false);
  });

  it("federation tokens: a missing session policy ARN and a key user that may not write its deny list", async () => {
    const user = await createUserWithKey(iam(), FEDERATION_ONLY);
    world.managingSecrets.push(user.secretAccessKey);
    const answer = await test({
      method: "access-key",
      accessKey: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      sessionPolicy: SESSION_POLICY,
      policyArns: "arn:aws:iam::123456789012:policy/no-such-session-policy",
    });
    expect(byId(answer.checks, "field:policyArns")).toMatchObject({
      status: "failed",
      title: "Session policy ARNs",
      field: ["provider", "inputs", "policyArns"],
      message: expect.stringMatching(/does not exist: Generate would fail at sts:GetFederationToken/),
    });
    expect(byId(answer.checks, "field:sessionPolicy")).toMatchObject({ status: "ok" });
    const denied = answer.checks.filter((c) => c.id.startsWith("action:")).map((c) => c.action);
    expect(denied).toEqual(["iam:PutUserPolicy", "iam:DeleteUserPolicy"]);
    expect(byId(answer.checks, "action:iam:PutUserPolicy")!.message).toContain(user.arn);
  });

  it("session tokens: a warning that AWS cannot revoke them, and the answer stays ok", async () => {
    const user = await createUserWithKey(iam());
    world.managingSecrets.push(user.secretAccessKey);
    const answer = await test({
      method: "access-key",
      accessKey: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
    });
    expect(answer.checks.map((c) => [c.id, c.status])).toEqual([
      ["credentials", "ok"],
      ["session:token", "warning"],
    ]);
    expect(answer.ok).toBe(true);
  });
});
