import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import type { ApiResponse } from "../../../test/ground/api-client.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { getTestGround } from "../../../test/ground/index.ts";
import {
  bearerClient,
  createAwsIdentity,
  createIdentity,
  expectNotLogged,
  type Org,
  setupOrg,
} from "./identity.fixtures.ts";
import { assumeNewRole, createIamUser, uniqueName } from "./moto-principals.fixtures.ts";
import { base64, GET_CALLER_IDENTITY_BODY, signedLogin, signGetCallerIdentity } from "./signed-login.fixtures.ts";

const PEER = "198.51.100.10";
const ACCOUNT = "123456789012";

describe("AWS Auth login against moto", () => {
  let server: TestServer;
  let org: Org;
  let motoUrl: string;
  const secrets: string[] = [];
  const machine = () => createApiClient(server.app, { peer: PEER });

  beforeAll(async () => {
    motoUrl = getTestGround().motoUrl;
    server = await createTestServer({ env: { LEASEHOLD_SERVER_ID: "leasehold-test-server" } });
    org = await setupOrg(server);
  });
  afterAll(async () => {
    expectNotLogged(server.logs, secrets);
    await server.close();
  });

  it("logs in an IAM user with a path, matched exactly, and the token acts as the identity", async () => {
    const user = await createIamUser(motoUrl, { path: "/build/agents/" });
    secrets.push(user.credentials.secretAccessKey);
    expect(user.arn).toBe(`arn:aws:iam::${ACCOUNT}:user/build/agents/${user.name}`);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn });

    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ tokenType: "Bearer", expiresIn: 2592000, accessTokenMaxTTL: 2592000 });
    expect(res.body.accessToken).toMatch(/^lhat_[A-Za-z0-9_-]{43}$/);
    secrets.push(res.body.accessToken);

    const self = await bearerClient(server, res.body.accessToken, PEER).send(identityRoutes.get, {
      params: { identityId: identity.id },
    });
    expect(self.status).toBe(200);
    expect(self.body.identity).toMatchObject({ id: identity.id, authMethods: ["aws-auth"] });

    const tokens = (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId: identity.id } })).body
      .tokens;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ principalArn: user.arn, sourceIp: PEER, numUses: 1, status: "active" });
    expect(JSON.stringify(tokens)).not.toContain(res.body.accessToken);
  });

  it("accepts the raw (non-base64) body and headers, as the seed's SDK page sends them", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn });
    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials, raw: true }),
    });
    expect(res.status, res.text).toBe(200);
  });

  it("logs in an assumed role matched by its role ARN", async () => {
    const role = await assumeNewRole(motoUrl);
    secrets.push(role.credentials.secretAccessKey, role.credentials.sessionToken);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: role.roleArn });
    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: role.credentials }),
    });
    expect(res.status, res.text).toBe(200);
    secrets.push(res.body.accessToken);
    const tokens = (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId: identity.id } })).body
      .tokens;
    expect(tokens[0].principalArn).toBe(role.sessionArn);
  });

  it("logs in an assumed role matched by a wildcard on the role name", async () => {
    const prefix = uniqueName("ci");
    const role = await assumeNewRole(motoUrl, { name: `${prefix}-deployer` });
    const { identity } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: `arn:aws:iam::${ACCOUNT}:role/${prefix}-*`,
    });
    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: role.credentials }),
    });
    expect(res.status, res.text).toBe(200);
  });

  it("logs in any principal of an allowed account when only account IDs are set", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedAccountIds: ACCOUNT });
    expect(
      (
        await machine().send(awsAuthRoutes.login, {
          body: await signedLogin({ identityId: identity.id, credentials: user.credentials }),
        })
      ).status,
    ).toBe(200);
  });

  it("refuses an account that is not allowed with account_id_not_allowed, naming the ARN", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedAccountIds: "111122223333" });
    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials }),
    });
    expect(res.status).toBe(403);
    expect(res.body.reasonCode).toBe("account_id_not_allowed");
    expect(res.body.message).toContain(user.arn);
  });

  it("refuses a principal that is not allowed with principal_arn_not_allowed, naming the ARN", async () => {
    const user = await createIamUser(motoUrl, { path: "/team-a/" });
    const other = `arn:aws:iam::${ACCOUNT}:user/team-b/${user.name}`;
    const { identity } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: other,
      allowedAccountIds: ACCOUNT,
    });
    const res = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials }),
    });
    expect(res.status).toBe(403);
    expect(res.body.reasonCode).toBe("principal_arn_not_allowed");
    expect(res.body.message).toContain(user.arn);
  });

  it("gives an unknown identity and an identity without AWS Auth one shared 401", async () => {
    const user = await createIamUser(motoUrl);
    const bare = await createIdentity(org.admin, org.orgId);
    const unknown = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: crypto.randomUUID(), credentials: user.credentials }),
    });
    const noAuth = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: bare.id, credentials: user.credentials }),
    });
    expect(unknown.status).toBe(401);
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.reasonCode).toBe(unknown.body.reasonCode);
    expect(noAuth.body.message).toBe(unknown.body.message);
  });

  it("refuses a stale X-Amz-Date with request_not_fresh, in the past or the future", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn });
    for (const offsetMinutes of [-16, 16]) {
      const signingDate = new Date(Date.now() + offsetMinutes * 60_000);
      const res = await machine().send(awsAuthRoutes.login, {
        body: await signedLogin({ identityId: identity.id, credentials: user.credentials, signingDate }),
      });
      expect(res.status).toBe(401);
      expect(res.body.reasonCode).toBe("request_not_fresh");
    }
    const fresh = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({
        identityId: identity.id,
        credentials: user.credentials,
        signingDate: new Date(Date.now() - 14 * 60_000),
      }),
    });
    expect(fresh.status).toBe(200);
  });

  describe("the server-ID header", () => {
    let identityId: string;
    let credentials: Awaited<ReturnType<typeof createIamUser>>["credentials"];

    beforeAll(async () => {
      const user = await createIamUser(motoUrl);
      credentials = user.credentials;
      const { identity, awsAuth } = await createAwsIdentity(org.admin, org.orgId, {
        allowedPrincipalArns: user.arn,
        serverIdHeader: true,
      });
      expect(awsAuth).toMatchObject({ serverIdHeader: true, serverId: "leasehold-test-server" });
      identityId = identity.id;
    });

    it("is refused with server_id_header_missing when it is missing", async () => {
      const res = await machine().send(awsAuthRoutes.login, { body: await signedLogin({ identityId, credentials }) });
      expect(res.status).toBe(401);
      expect(res.body.reasonCode).toBe("server_id_header_missing");
    });

    it("is refused when present but not among the signed headers", async () => {
      const headers = await signGetCallerIdentity({ credentials });
      headers[SERVER_ID_HEADER] = "leasehold-test-server";
      const res = await machine().send(awsAuthRoutes.login, {
        body: {
          identityId,
          iamHttpRequestMethod: "POST",
          iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
          iamRequestHeaders: base64(JSON.stringify(headers)),
        },
      });
      expect(res.status).toBe(401);
      expect(res.body.reasonCode).toBe("server_id_header_missing");
    });

    it("is refused when it names another server", async () => {
      const res = await machine().send(awsAuthRoutes.login, {
        body: await signedLogin({ identityId, credentials, headers: { [SERVER_ID_HEADER]: "some-other-leasehold" } }),
      });
      expect(res.status).toBe(401);
      expect(res.body.reasonCode).toBe("server_id_header_missing");
    });

    it("logs in when it is signed and names this server", async () => {
      const res = await machine().send(awsAuthRoutes.login, {
        body: await signedLogin({ identityId, credentials, headers: { [SERVER_ID_HEADER]: "leasehold-test-server" } }),
      });
      expect(res.status, res.text).toBe(200);
    });
  });

  it("checks trusted IPs at login", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(org.admin, org.orgId, {
      allowedPrincipalArns: user.arn,
      accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/8" }, { ipAddress: "2001:db8::/32" }],
    });
    const body = () => signedLogin({ identityId: identity.id, credentials: user.credentials });
    const outside = await createApiClient(server.app, { peer: "203.0.113.9" }).send(awsAuthRoutes.login, {
      body: await body(),
    });
    expect(outside.status).toBe(403);
    expect(outside.body.reasonCode).toBe("ip_not_trusted");
    expect(
      (await createApiClient(server.app, { peer: "10.20.30.40" }).send(awsAuthRoutes.login, { body: await body() }))
        .status,
    ).toBe(200);
    expect(
      (await createApiClient(server.app, { peer: "2001:db8::7" }).send(awsAuthRoutes.login, { body: await body() }))
        .status,
    ).toBe(200);
    expect(
      (await createApiClient(server.app, { peer: "::ffff:10.1.1.1" }).send(awsAuthRoutes.login, { body: await body() }))
        .status,
    ).toBe(200);
  });

  it("gives an identity token nothing in a project without membership, and its role with one", async () => {
    const user = await createIamUser(motoUrl);
    const { identity } = await createAwsIdentity(
      org.admin,
      org.orgId,
      { allowedPrincipalArns: user.arn },
      { role: "admin" },
    );
    const login = await machine().send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: identity.id, credentials: user.credentials }),
    });
    const bot = bearerClient(server, login.body.accessToken, PEER);
    expect((await bot.send(projectRoutes.get, { params: { projectId: org.projectId } })).status).toBe(404);
    expect((await bot.send(projectRoutes.list)).body.projects).toEqual([]);

    const added = await org.admin.send(identityRoutes.addMembership, {
      params: { identityId: identity.id },
      body: { projectId: org.projectId, role: "viewer" },
    });
    expect(added.status, added.text).toBe(200);
    expect((await bot.send(projectRoutes.get, { params: { projectId: org.projectId } })).status).toBe(200);
    expect(
      (
        await bot.send(projectRoutes.update, {
          params: { projectId: org.projectId },
          body: { name: "Renamed by a bot" },
        })
      ).status,
    ).toBe(403);
  });

  it("rate-limits logins per source address", async () => {
    const flood = createApiClient(server.app, { peer: "192.0.2.77" });
    const garbage = {
      identityId: crypto.randomUUID(),
      iamHttpRequestMethod: "POST",
      iamRequestBody: "x",
      iamRequestHeaders: "y",
    };
    let last: ApiResponse | undefined;
    for (let i = 0; i < 301; i++) last = await flood.send(awsAuthRoutes.login, { body: garbage });
    expect(last!.status).toBe(429);
    expect(last!.body.reasonCode).toBe("rate_limited");
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await machine().send(awsAuthRoutes.login, { body: garbage })).status).toBe(400);
  });
});
