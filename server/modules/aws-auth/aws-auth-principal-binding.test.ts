import { DeleteRoleCommand, GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import { createAwsIdentity, type Org, setupOrg } from "./identity.fixtures.ts";
import { assumeNewRole, createIamUser, uniqueName } from "./moto-principals.fixtures.ts";
import { signedLogin } from "./signed-login.fixtures.ts";

/**
 * Unique-ID binding (issue 11, decision 1104): a role deleted and re-created under the same name — by someone
 * who may create roles but was never allowed to log in — is refused with 403 principal_recreated. moto's
 * unique IDs are random strings (TESTING.md): the tests compare them, never their prefixes.
 */
describe("AWS Auth binds exact principal ARNs to their unique IDs", () => {
  let server: TestServer;
  let org: Org;
  const motoUrl = () => getTestGround().motoUrl;
  const iam = () =>
    new IAMClient({
      endpoint: motoUrl(),
      region: "us-east-1",
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
  const login = async (identityId: string, credentials: Awaited<ReturnType<typeof assumeNewRole>>["credentials"]) =>
    createApiClient(server.app, { peer: "198.51.100.60" }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId, credentials }),
    });
  const recreate = async (name: string) => {
    await iam().send(new DeleteRoleCommand({ RoleName: name }));
    return assumeNewRole(motoUrl(), { name });
  };

  beforeAll(async () => {
    server = await createTestServer();
    org = await setupOrg(server);
  });
  afterAll(() => server.close());

  it("resolves exact entries with IAM on save, refuses a re-created role, logs in again after a re-bind", async () => {
    const name = uniqueName("bound-role");
    const role = await assumeNewRole(motoUrl(), { name });
    const user = await createIamUser(motoUrl());
    const wildcard = "arn:aws:iam::123456789012:role/ci-*";
    const { identity, awsAuth } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: [role.roleArn, user.arn, wildcard].join(","),
    });
    const roleId = (await iam().send(new GetRoleCommand({ RoleName: name }))).Role!.RoleId!;
    expect(awsAuth.principalBindings).toEqual([
      { principalArn: role.roleArn, status: "bound", how: "iam", uniqueId: roleId, boundAt: expect.any(String) },
      expect.objectContaining({ principalArn: user.arn, status: "bound", how: "iam" }),
      { principalArn: wildcard, status: "unbindable", how: null, uniqueId: null, boundAt: null },
    ]);
    expect((await login(identity.id, role.credentials)).status).toBe(200);

    // A listed wildcard names many principals: there is no one ID to bind it to.
    const wildcardRebind = await org.admin.send(awsAuthRoutes.rebind, {
      params: { identityId: identity.id },
      body: { principalArn: wildcard },
    });
    expect(wildcardRebind.status).toBe(400);
    expect(wildcardRebind.body.reasonCode).toBe("principal_not_bindable");
    expect(wildcardRebind.body.issues[0].path).toEqual(["principalArn"]);

    const impostor = await recreate(name);
    const refused = await login(identity.id, impostor.credentials);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.reasonCode).toBe("principal_recreated");
    expect(refused.body.message).toContain(roleId);
    expect(refused.body.accessToken).toBeUndefined();

    // An update that keeps the entry keeps its binding: saving is no way to launder a re-creation.
    const updated = await org.admin.send(awsAuthRoutes.update, {
      params: { identityId: identity.id },
      body: { allowedPrincipalArns: [role.roleArn, user.arn].join(",") },
    });
    expect(updated.body.identityAwsAuth.principalBindings[0].uniqueId).toBe(roleId);
    expect((await login(identity.id, impostor.credentials)).status).toBe(403);

    const rebound = await org.admin.send(awsAuthRoutes.rebind, {
      params: { identityId: identity.id },
      body: { principalArn: role.roleArn },
    });
    expect(rebound.status, rebound.text).toBe(200);
    const newId = (await iam().send(new GetRoleCommand({ RoleName: name }))).Role!.RoleId!;
    expect(newId).not.toBe(roleId);
    expect(rebound.body.identityAwsAuth.principalBindings[0]).toMatchObject({ uniqueId: newId, how: "iam" });
    expect((await login(identity.id, impostor.credentials)).status).toBe(200);

    const unlistedRebind = await org.admin.send(awsAuthRoutes.rebind, {
      params: { identityId: identity.id },
      body: { principalArn: "arn:aws:iam::123456789012:role/not-listed" },
    });
    expect(unlistedRebind.status).toBe(400);
    expect(unlistedRebind.body.issues[0].path).toEqual(["principalArn"]);
  });

  it("learns the ID at the first login when IAM could not resolve it, then refuses a re-creation", async () => {
    const name = uniqueName("later-role");
    const arn = `arn:aws:iam::123456789012:role/${name}`;
    // The role does not exist yet when the identity is saved: nothing for IAM to resolve.
    const { identity, awsAuth } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: arn });
    expect(awsAuth.principalBindings[0]).toMatchObject({ status: "unbound", uniqueId: null });

    const role = await assumeNewRole(motoUrl(), { name });
    expect((await login(identity.id, role.credentials)).status).toBe(200);
    const read = await org.admin.send(awsAuthRoutes.get, { params: { identityId: identity.id } });
    const roleId = (await iam().send(new GetRoleCommand({ RoleName: name }))).Role!.RoleId!;
    expect(read.body.identityAwsAuth.principalBindings[0]).toMatchObject({
      status: "bound",
      how: "first-login",
      uniqueId: roleId,
    });

    const impostor = await recreate(name);
    const refused = await login(identity.id, impostor.credentials);
    expect(refused.status).toBe(403);
    expect(refused.body.reasonCode).toBe("principal_recreated");
  });
});
