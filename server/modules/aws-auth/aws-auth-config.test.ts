import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { createIdentity, inviteMember, type Org, setupOrg } from "./identity.fixtures.ts";

const ACCOUNT = "123456789012";

describe("AWS Auth configuration", () => {
  let server: TestServer;
  let org: Org;
  /** What an identity's AWS Auth configuration route takes: the identity and, for writes, the body. */
  const config = (identityId: string, body?: unknown) => ({ params: { identityId }, body });
  const attach = async (body: Record<string, unknown>) => {
    const identity = await createIdentity(org.admin, org.orgId);
    return { identity, res: await org.admin.send(awsAuthRoutes.attach, config(identity.id, body)) };
  };
  const issuePaths = (body: { issues?: { path: (string | number)[] }[] }) =>
    (body.issues ?? []).map((i) => i.path.join("."));

  beforeAll(async () => {
    server = await createTestServer();
    org = await setupOrg(server);
  });
  afterAll(() => server.close());

  it("attaches with Infisical's defaults and answers the full shape", async () => {
    const { identity, res } = await attach({ allowedAccountIds: ACCOUNT });
    expect(res.status, res.text).toBe(200);
    expect(res.body.identityAwsAuth).toMatchObject({
      identityId: identity.id,
      type: "iam",
      stsEndpoint: "https://sts.amazonaws.com/",
      allowedPrincipalArns: "",
      allowedAccountIds: ACCOUNT,
      accessTokenTTL: 2592000,
      accessTokenMaxTTL: 2592000,
      accessTokenNumUsesLimit: 0,
      accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }],
      serverIdHeader: false,
    });
    expect(res.body.identityAwsAuth.serverId).toMatch(/^leasehold-/);
    expect((await org.admin.send(awsAuthRoutes.get, config(identity.id))).body).toEqual(res.body);
    expect(
      (await org.admin.send(identityRoutes.get, { params: { identityId: identity.id } })).body.identity.authMethods,
    ).toEqual(["aws-auth"]);
  });

  it("normalises lists and the endpoint", async () => {
    const { res } = await attach({
      allowedPrincipalArns:
        " arn:aws:iam::123456789012:role/app ,, arn:aws-us-gov:iam::123456789012:user/ops/alice , " +
        "arn:aws-cn:iam::123456789012:role/ci-* ",
      allowedAccountIds: "123456789012, 210987654321",
      stsEndpoint: "HTTPS://sts.eu-west-1.amazonaws.com",
      accessTokenTrustedIps: [
        { ipAddress: " 10.0.0.0/8 " },
        { ipAddress: "2001:db8::/32" },
        { ipAddress: "192.0.2.4" },
        { ipAddress: "::1" },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.identityAwsAuth).toMatchObject({
      allowedPrincipalArns:
        "arn:aws:iam::123456789012:role/app,arn:aws-us-gov:iam::123456789012:user/ops/alice," +
        "arn:aws-cn:iam::123456789012:role/ci-*",
      allowedAccountIds: "123456789012,210987654321",
      stsEndpoint: "https://sts.eu-west-1.amazonaws.com/",
      accessTokenTrustedIps: [
        { ipAddress: "10.0.0.0/8" },
        { ipAddress: "2001:db8::/32" },
        { ipAddress: "192.0.2.4" },
        { ipAddress: "::1" },
      ],
    });
  });

  it("refuses a configuration with both allow-lists empty", async () => {
    const { res } = await attach({});
    expect(res.status).toBe(400);
    expect(issuePaths(res.body).sort()).toEqual(["allowedAccountIds", "allowedPrincipalArns"]);
    expect(res.body.message).toMatch(/anyone with AWS credentials/);
  });

  it.each([
    [{ accessTokenTTL: 7200, accessTokenMaxTTL: 3600 }, "accessTokenTTL"],
    [{ accessTokenMaxTTL: 0 }, "accessTokenMaxTTL"],
    [{ accessTokenTTL: -1 }, "accessTokenTTL"],
    [{ accessTokenTTL: 315360001, accessTokenMaxTTL: 315360001 }, "accessTokenTTL"],
    [{ accessTokenTTL: 1.5 }, "accessTokenTTL"],
    [{ accessTokenTTL: "3600" }, "accessTokenTTL"],
    [{ accessTokenNumUsesLimit: -1 }, "accessTokenNumUsesLimit"],
    [{ accessTokenNumUsesLimit: 2 ** 31 }, "accessTokenNumUsesLimit"],
    [{ allowedAccountIds: "12345678901" }, "allowedAccountIds"],
    [{ allowedAccountIds: "123456789012,abc" }, "allowedAccountIds"],
    [{ allowedPrincipalArns: "arn:aws:iam::123456789012:root" }, "allowedPrincipalArns"],
    [{ allowedPrincipalArns: "arn:aws:s3:::bucket" }, "allowedPrincipalArns"],
    [{ allowedPrincipalArns: "*" }, "allowedPrincipalArns"],
    [{ allowedPrincipalArns: "arn:aws:iam::*:role/x" }, "allowedPrincipalArns"],
    [{ stsEndpoint: "http://sts.amazonaws.com" }, "stsEndpoint"],
    [{ stsEndpoint: "https://sts.attacker.example" }, "stsEndpoint"],
    [{ stsEndpoint: "https://sts.mars-1.amazonaws.com" }, "stsEndpoint"],
    [{ stsEndpoint: "https://sts.amazonaws.com:8443/" }, "stsEndpoint"],
    [{ accessTokenTrustedIps: [] }, "accessTokenTrustedIps"],
    [{ accessTokenTrustedIps: [{ ipAddress: "10.1" }] }, "accessTokenTrustedIps.0.ipAddress"],
    [{ accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/33" }] }, "accessTokenTrustedIps.0.ipAddress"],
    [
      { accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "fe80::g" }] },
      "accessTokenTrustedIps.1.ipAddress",
    ],
    [{ accessTokenTrustedIps: [{ ipAddress: "" }] }, "accessTokenTrustedIps.0.ipAddress"],
    [{ serverIdHeader: "yes" }, "serverIdHeader"],
  ])("refuses %j with an issue on %s", async (body, field) => {
    const { res } = await attach({ allowedAccountIds: ACCOUNT, ...body });
    expect(res.status, res.text).toBe(400);
    expect(res.body.reasonCode).toBe("invalid_request");
    expect(issuePaths(res.body)).toContain(field);
  });

  it("updates any subset of fields and checks the rules on the result", async () => {
    const { identity } = await attach({ allowedAccountIds: ACCOUNT, accessTokenTTL: 600, accessTokenMaxTTL: 3600 });
    const patched = await org.admin.send(
      awsAuthRoutes.update,
      config(identity.id, { accessTokenNumUsesLimit: 3, serverIdHeader: true }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.identityAwsAuth).toMatchObject({
      accessTokenNumUsesLimit: 3,
      serverIdHeader: true,
      accessTokenTTL: 600,
      allowedAccountIds: ACCOUNT,
    });

    const emptied = await org.admin.send(awsAuthRoutes.update, config(identity.id, { allowedAccountIds: "" }));
    expect(emptied.status).toBe(400);
    expect(issuePaths(emptied.body)).toContain("allowedAccountIds");
    const tooLong = await org.admin.send(awsAuthRoutes.update, config(identity.id, { accessTokenTTL: 7200 }));
    expect(tooLong.status).toBe(400);
    expect(issuePaths(tooLong.body)).toEqual(["accessTokenTTL"]);
    expect(
      (
        await org.admin.send(
          awsAuthRoutes.update,
          config(identity.id, { accessTokenTTL: 7200, accessTokenMaxTTL: 7200 }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await org.admin.send(awsAuthRoutes.get, config(identity.id))).body.identityAwsAuth.accessTokenNumUsesLimit,
    ).toBe(3);
  });

  it("refuses a second attach, and reads or changes nothing that is not attached", async () => {
    const { identity } = await attach({ allowedAccountIds: ACCOUNT });
    expect(
      (await org.admin.send(awsAuthRoutes.attach, config(identity.id, { allowedAccountIds: ACCOUNT }))).status,
    ).toBe(409);
    const bare = await createIdentity(org.admin, org.orgId);
    expect((await org.admin.send(awsAuthRoutes.get, config(bare.id))).status).toBe(404);
    expect((await org.admin.send(awsAuthRoutes.update, config(bare.id, { accessTokenTTL: 5 }))).status).toBe(404);
    expect((await org.admin.send(awsAuthRoutes.detach, config(bare.id))).status).toBe(404);
    expect(
      (await org.admin.send(awsAuthRoutes.attach, config(crypto.randomUUID(), { allowedAccountIds: ACCOUNT }))).status,
    ).toBe(404);
  });

  it("detaches, and the identity can be given AWS Auth again", async () => {
    const { identity } = await attach({ allowedAccountIds: ACCOUNT });
    const detached = await org.admin.send(awsAuthRoutes.detach, config(identity.id));
    expect(detached.status).toBe(200);
    expect(detached.body.identityAwsAuth.identityId).toBe(identity.id);
    expect(
      (await org.admin.send(identityRoutes.get, { params: { identityId: identity.id } })).body.identity.authMethods,
    ).toEqual([]);
    expect(
      (await org.admin.send(awsAuthRoutes.attach, config(identity.id, { allowedAccountIds: ACCOUNT }))).status,
    ).toBe(200);
  });

  it("lets members read the configuration but not change it", async () => {
    const { identity } = await attach({ allowedAccountIds: ACCOUNT });
    const member = await inviteMember(server, org);
    expect((await member.send(awsAuthRoutes.get, config(identity.id))).status).toBe(200);
    expect((await member.send(awsAuthRoutes.update, config(identity.id, { accessTokenTTL: 5 }))).status).toBe(403);
    expect((await member.send(awsAuthRoutes.detach, config(identity.id))).status).toBe(403);
  });

  it("keeps one generated server ID, and uses LEASEHOLD_SERVER_ID when set", async () => {
    const first = (await attach({ allowedAccountIds: ACCOUNT })).res.body.identityAwsAuth.serverId;
    const second = (await attach({ allowedAccountIds: ACCOUNT })).res.body.identityAwsAuth.serverId;
    expect(second).toBe(first);
    const configured = await createTestServer({ env: { LEASEHOLD_SERVER_ID: "prod-eu-1" } });
    const o = await setupOrg(configured);
    const identity = await createIdentity(o.admin, o.orgId);
    expect(
      (await o.admin.send(awsAuthRoutes.attach, config(identity.id, { allowedAccountIds: ACCOUNT }))).body
        .identityAwsAuth.serverId,
    ).toBe("prod-eu-1");
    await configured.close();
  });
});
