// The managing-credential methods besides access keys: assume-role (the server's dynamic-
// secret principal, External ID = the project ID) and IRSA (the SDK's web-identity chain).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseRoutes } from "#client/core/routes/leases.ts";
import { createRole } from "../app-connections/app-connections.fixtures.ts";
import { iamAt, type LeaseWorld, leaseWorld } from "./dynamic-secrets.fixtures.ts";

const BASE_KEY_ID = "AKIADYNAMICSECRETS01";

describe("assume-role and IRSA dynamic secrets", () => {
  let world: LeaseWorld;
  beforeAll(async () => {
    // The SDK's web-identity chain reads the token file from the environment, as on EKS.
    const dir = mkdtempSync(join(tmpdir(), "leasehold-irsa-"));
    process.env.AWS_WEB_IDENTITY_TOKEN_FILE = join(dir, "token");
    writeFileSync(process.env.AWS_WEB_IDENTITY_TOKEN_FILE, "eyJhbGciOiJSUzI1NiJ9.e30.signature");
    world = await leaseWorld({
      env: {
        DYNAMIC_SECRET_AWS_ACCESS_KEY_ID: BASE_KEY_ID,
        DYNAMIC_SECRET_AWS_SECRET_ACCESS_KEY: "dynamic-secret-base-secret-key-000000000",
        KUBERNETES_AUTO_FETCH_SERVICE_ACCOUNT_TOKEN: "true",
      },
    });
  });
  afterAll(() => world.close());

  const noKeys = { accessKey: undefined, secretAccessKey: undefined };

  it("assume-role: the base principal assumes the role (External ID = project ID) to manage users", async () => {
    const roleArn = await createRole(iamAt(world.motoUrl));
    const { name } = await world.createSecret({}, { ...noKeys, method: "assume-role", roleArn });
    world.resetProxy();
    const leased = await world.lease(name);
    expect(leased.status, leased.text).toBe(200);

    const assumed = world.proxy.calls("AssumeRole");
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.accessKeyId).toBe(BASE_KEY_ID);
    expect(assumed[0]!.params).toMatchObject({ RoleArn: roleArn, ExternalId: world.projectId });
    const sessionKey = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(
      assumed[0]!.outcome.kind === "forwarded" ? assumed[0]!.outcome.body : "",
    )?.[1];
    expect(world.proxy.calls("CreateUser")[0]!.accessKeyId).toBe(sessionKey);

    // The session is reused until shortly before it expires: a second lease assumes nothing.
    expect((await world.lease(name)).status).toBe(200);
    expect(world.proxy.calls("AssumeRole")).toHaveLength(1);
    expect(
      (await world.admin.send(leaseRoutes.revoke, { params: { leaseId: leased.body.lease.id }, body: world.location }))
        .body.lease.status,
    ).toBe("revoked");
  });

  it("assume-role: a refused AssumeRole is a 400 naming role and External ID, before anything is created", async () => {
    const roleArn = await createRole(iamAt(world.motoUrl));
    const { name } = await world.createSecret({}, { ...noKeys, method: "assume-role", roleArn });
    world.resetProxy();
    world.proxy.inject({
      action: "AssumeRole",
      times: Infinity,
      fault: { kind: "aws-error", code: "AccessDenied", status: 403 },
    });
    const res = await world.lease(name);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(roleArn);
    expect(res.body.message).toContain(world.projectId);
    expect(world.proxy.calls("CreateUser")).toHaveLength(0);
    world.resetProxy();
  });

  it("irsa: the web-identity chain assumes the service account's role and leases work", async () => {
    const roleArn = await createRole(iamAt(world.motoUrl));
    const { name } = await world.createSecret({}, { ...noKeys, method: "irsa", roleArn });
    world.resetProxy();
    const leased = await world.lease(name);
    expect(leased.status, leased.text).toBe(200);
    const calls = world.proxy.calls("AssumeRoleWithWebIdentity");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({
      RoleArn: roleArn,
      WebIdentityToken: "eyJhbGciOiJSUzI1NiJ9.e30.signature",
    });
    expect(await world.userExists(leased.body.data.USERNAME)).toBe(true);
  });
});
