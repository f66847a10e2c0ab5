// Test configuration against a private moto in authenticating mode, which checks each request against the
// signer's identity policies: what moto itself answers when the managing principal may not look (GetGroup,
// GetPolicy, SimulatePrincipalPolicy) is a skipped check that says why, never a failure. Nothing here goes
// through the proxy's policy-simulator stand-in: moto's own AccessDenied is the answer under test.
// moto authorises IAM calls against the resource "*" only (it has no resource for IAM actions), so a policy
// scoped to ARNs, like the permission-policy builder's, allows nothing there: these policies use "*".
import { CreateGroupCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import type { ConfigCheck } from "#shared/schemas/dynamic-secrets.ts";
import { type Moto, resetMotoAuth, startMoto } from "../../../test/ground/index.ts";
import {
  type ConnectionsWorld,
  connectionsWorld,
  createUserWithKey,
  iamAt,
  unique,
} from "../app-connections/app-connections.fixtures.ts";

const READS_BUT_NO_SIMULATOR = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["iam:GetGroup", "iam:GetPolicy", "iam:ListUsers"], Resource: "*" }],
};
const LIFECYCLE_ONLY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["iam:CreateUser", "iam:ListUsers", "iam:DeleteUser"], Resource: "*" }],
};

describe("Test configuration with an authenticating AWS (moto, INITIAL_NO_AUTH_ACTION_COUNT)", () => {
  let moto: Moto;
  let world: ConnectionsWorld;
  let readerUser: Awaited<ReturnType<typeof createUserWithKey>>;
  let narrowUser: Awaited<ReturnType<typeof createUserWithKey>>;
  let group: string;
  const path = "/lh-auth/";

  beforeAll(async () => {
    // Unauthenticated while the fixtures are made, then every request is authenticated.
    moto = await startMoto({ authenticating: 10_000 });
    const iam = iamAt(moto.url);
    readerUser = await createUserWithKey(iam, READS_BUT_NO_SIMULATOR);
    narrowUser = await createUserWithKey(iam, LIFECYCLE_ONLY);
    group = unique("lh-group");
    await iam.send(new CreateGroupCommand({ GroupName: group }));
    world = await connectionsWorld(moto.url);
    await resetMotoAuth(moto.url, 0);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    await moto?.stop();
  });

  const test = async (user: typeof readerUser, extra: Record<string, unknown> = {}) => {
    const res = await world.admin.send(dynamicSecretRoutes.testConfiguration, {
      body: {
        projectSlug: world.session.project.slug,
        environmentSlug: "dev",
        provider: {
          type: "aws-iam",
          inputs: {
            accessKey: user.accessKeyId,
            secretAccessKey: user.secretAccessKey,
            region: "us-east-1",
            awsPath: path,
            userGroups: group,
            permissionBoundaryPolicyArn: "arn:aws:iam::123456789012:policy/no-such-boundary",
            ...extra,
          },
        },
      },
    });
    expect(res.status, res.text).toBe(200);
    return res.body as { ok: boolean; checks: ConfigCheck[] };
  };
  const byId = (checks: ConfigCheck[], id: string) => checks.find((c) => c.id === id);

  it("a principal that reads groups and policies but may not simulate: fields checked, actions skipped", async () => {
    const answer = await test(readerUser);
    expect(byId(answer.checks, "credentials")).toMatchObject({ status: "ok" });
    expect(byId(answer.checks, "field:userGroups")).toMatchObject({ status: "ok" });
    // Allowed to read policies, so a mistyped boundary is caught rather than skipped.
    expect(byId(answer.checks, "field:permissionBoundaryPolicyArn")).toMatchObject({ status: "failed" });
    const permissions = byId(answer.checks, "permissions")!;
    expect(permissions).toMatchObject({ status: "skipped", ok: true, action: "iam:SimulatePrincipalPolicy" });
    expect(permissions.message).toContain(`may not call iam:SimulatePrincipalPolicy on ${readerUser.arn}`);
    expect(answer.ok).toBe(false); // the boundary, and only the boundary
    expect(answer.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["field:permissionBoundaryPolicyArn"]);
  });

  it("a principal that may not read groups or policies gets skipped checks that say so", async () => {
    const answer = await test(narrowUser);
    const groups = byId(answer.checks, "field:userGroups")!;
    expect(groups).toMatchObject({ status: "skipped", ok: true, action: "iam:GetGroup" });
    expect(groups.message).toMatch(
      /Not checked: .* may not call iam:GetGroup on .*Generate does not need iam:GetGroup/,
    );
    expect(byId(answer.checks, "field:permissionBoundaryPolicyArn")).toMatchObject({ status: "skipped" });
    expect(answer.ok).toBe(true);
  });
});
