import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import type { AttachAwsAuthInput } from "#shared/schemas/aws-auth.ts";
import {
  createApiClient,
  createTestClock,
  createTestServer,
  type TestServer,
} from "../../../test/ground/in-process-server.ts";
import { createTokenPurgeWorker } from "../../workers/purge-workers.ts";
import { bearerClient, createAwsIdentity, expectNotLogged, type Org, setupOrg } from "../aws-auth/identity.fixtures.ts";
import { signedLogin } from "../aws-auth/signed-login.fixtures.ts";
import { answerXml, callerIdentityXml, type StubSts, startStubSts } from "../aws-auth/stub-sts.fixtures.ts";

const ARN = "arn:aws:iam::123456789012:user/tokens-test";
const credentials = { accessKeyId: "AKIATOKENSTEST000001", secretAccessKey: "tokens-test-secret-not-real" };
const PEER = "198.51.100.50";

describe("identity access tokens", () => {
  const clock = createTestClock();
  let server: TestServer;
  let stub: StubSts;
  let org: Org;
  const issued: string[] = [];

  async function identityWith(config: Partial<AttachAwsAuthInput> = {}) {
    return (await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: ARN, ...config })).identity.id;
  }
  async function login(identityId: string, peer = PEER) {
    const res = await createApiClient(server.app, { peer }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId, credentials, signingDate: clock.now() }),
    });
    if (res.status === 200) issued.push(res.body.accessToken);
    return res;
  }
  const selfRead = (token: string, identityId: string, peer = PEER) =>
    bearerClient(server, token, peer).send(identityRoutes.get, { params: { identityId } });

  beforeAll(async () => {
    stub = await startStubSts(answerXml(callerIdentityXml(ARN)));
    server = await createTestServer({ clock, env: { AWS_ENDPOINT_URL_STS: stub.url } });
    org = await setupOrg(server);
  });
  afterAll(async () => {
    expectNotLogged(server.logs, [...issued, credentials.secretAccessKey]);
    await server.close();
    await stub.close();
  });

  it("enforces a uses limit of 5 exactly under 200 parallel requests", async () => {
    const identityId = await identityWith({ accessTokenNumUsesLimit: 5 });
    const { accessToken } = (await login(identityId)).body;
    const results = await Promise.all(Array.from({ length: 200 }, () => selfRead(accessToken, identityId)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 401)).toHaveLength(195);
    expect(results.find((r) => r.status === 401)!.body.reasonCode).toBe("token_uses_exhausted");
    const [token] = (
      await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId }, query: { status: "all" } })
    ).body.tokens;
    expect(token).toMatchObject({ numUses: 5, numUsesLimit: 5, status: "exhausted" });
    // Never reset: renewal does not bring uses back.
    expect((await server.client().send(tokenRoutes.renew, { body: { accessToken } })).status).toBe(401);
  });

  it("expires at its TTL, renews up to creation + max TTL, then refuses", async () => {
    const identityId = await identityWith({ accessTokenTTL: 100, accessTokenMaxTTL: 250 });
    const first = (await login(identityId)).body;
    expect(first).toMatchObject({ expiresIn: 100, accessTokenMaxTTL: 250 });
    const renew = () =>
      createApiClient(server.app, { peer: PEER }).send(tokenRoutes.renew, { body: { accessToken: first.accessToken } });

    clock.advance(90);
    expect((await renew()).body).toMatchObject({
      accessToken: first.accessToken,
      expiresIn: 100,
      accessTokenMaxTTL: 250,
      tokenType: "Bearer",
    });
    clock.advance(90); // t = 180; renewal is capped at t = 250
    expect((await renew()).body.expiresIn).toBe(70);
    clock.advance(20); // t = 200; nothing left to extend
    const refused = await renew();
    expect(refused.status).toBe(401);
    expect(refused.body.reasonCode).toBe("token_max_ttl_reached");
    expect(refused.body.message).toMatch(/max TTL/);
    expect((await selfRead(first.accessToken, identityId)).status).toBe(200);
    clock.advance(51); // t = 251
    const expired = await selfRead(first.accessToken, identityId);
    expect(expired.status).toBe(401);
    expect(expired.body.reasonCode).toBe("token_expired");
  });

  it("reports the max TTL as expiresIn when the TTL is 0", async () => {
    const identityId = await identityWith({ accessTokenTTL: 0, accessTokenMaxTTL: 3600 });
    expect((await login(identityId)).body.expiresIn).toBe(3600);
  });

  it("is revoked by its holder, after which every use and renewal is a 401", async () => {
    const identityId = await identityWith();
    const { accessToken } = (await login(identityId)).body;
    const revoked = await server.client().send(tokenRoutes.revoke, { body: { accessToken } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.message).toMatch(/revoked/);
    expect((await selfRead(accessToken, identityId)).body.reasonCode).toBe("token_revoked");
    expect((await server.client().send(tokenRoutes.renew, { body: { accessToken } })).status).toBe(401);
    expect((await server.client().send(tokenRoutes.revoke, { body: { accessToken } })).status).toBe(401);
  });

  it("is revoked by an admin from the dashboard", async () => {
    const identityId = await identityWith();
    const { accessToken } = (await login(identityId)).body;
    const [token] = (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.tokens;
    const res = await org.admin.send(tokenRoutes.revokeForIdentity, { params: { identityId, tokenId: token.id } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatchObject({ id: token.id, status: "revoked" });
    expect((await selfRead(accessToken, identityId)).status).toBe(401);
    expect(
      (await org.admin.send(tokenRoutes.revokeForIdentity, { params: { identityId, tokenId: token.id } })).status,
    ).toBe(409);
    expect((await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.totalCount).toBe(0);
    expect(
      (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId }, query: { status: "all" } })).body
        .totalCount,
    ).toBe(1);
  });

  it("stops working when AWS Auth is detached", async () => {
    const identityId = await identityWith();
    const tokens = [(await login(identityId)).body.accessToken, (await login(identityId)).body.accessToken];
    expect((await org.admin.send(awsAuthRoutes.detach, { params: { identityId } })).status).toBe(200);
    for (const token of tokens) expect((await selfRead(token, identityId)).body.reasonCode).toBe("token_revoked");
    const listed = (
      await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId }, query: { status: "all" } })
    ).body.tokens;
    expect(listed.map((t: { status: string }) => t.status)).toEqual(["revoked", "revoked"]);
  });

  it("stops working when the identity is deleted", async () => {
    const identityId = await identityWith();
    const { accessToken } = (await login(identityId)).body;
    expect((await org.admin.send(identityRoutes.delete, { params: { identityId } })).status).toBe(200);
    expect((await selfRead(accessToken, identityId)).status).toBe(401);
    expect((await server.client().send(tokenRoutes.renew, { body: { accessToken } })).status).toBe(401);
  });

  describe("trusted IPs on every use", () => {
    it("refuses a use from outside the trusted ranges, and applies a tightened list at once", async () => {
      const identityId = await identityWith({
        accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/8" }, { ipAddress: "198.51.100.0/24" }],
      });
      const { accessToken } = (await login(identityId)).body;
      expect((await selfRead(accessToken, identityId, "10.9.8.7")).status).toBe(200);
      const outside = await selfRead(accessToken, identityId, "203.0.113.1");
      expect(outside.status).toBe(403);
      expect(outside.body.reasonCode).toBe("ip_not_trusted");
      expect(
        (await createApiClient(server.app, { peer: "203.0.113.1" }).send(tokenRoutes.renew, { body: { accessToken } }))
          .status,
      ).toBe(403);

      await org.admin.send(awsAuthRoutes.update, {
        params: { identityId },
        body: { accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/8" }] },
      });
      expect((await selfRead(accessToken, identityId, PEER)).status).toBe(403);
      // Refused uses are not counted: login (none), one use from 10.9.8.7.
      const [token] = (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.tokens;
      expect(token.numUses).toBe(1);
    });

    it("admits any address, even an unknown one, under the allow-everything default", async () => {
      const identityId = await identityWith();
      const { accessToken } = (await login(identityId)).body;
      const noSocket = server.client();
      noSocket.useBearer(accessToken);
      expect((await noSocket.send(identityRoutes.get, { params: { identityId } })).status).toBe(200);
      expect((await selfRead(accessToken, identityId, "2001:db8::99")).status).toBe(200);
    });

    it("matches IPv6 ranges and IPv4-mapped IPv6 peers", async () => {
      const identityId = await identityWith({
        accessTokenTrustedIps: [{ ipAddress: "2001:db8::/32" }, { ipAddress: "192.0.2.0/24" }, { ipAddress: PEER }],
      });
      const { accessToken } = (await login(identityId)).body;
      expect((await selfRead(accessToken, identityId, "2001:db8:1::5")).status).toBe(200);
      expect((await selfRead(accessToken, identityId, "::ffff:192.0.2.44")).status).toBe(200);
      expect((await selfRead(accessToken, identityId, "2001:db9::1")).status).toBe(403);
    });

    it("ignores X-Forwarded-For without a trusted proxy", async () => {
      const identityId = await identityWith({
        accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/8" }, { ipAddress: PEER }],
      });
      const { accessToken } = (await login(identityId)).body;
      const spoofed = await bearerClient(server, accessToken, "203.0.113.1").send(identityRoutes.get, {
        params: { identityId },
        headers: { "x-forwarded-for": "10.1.1.1" },
      });
      expect(spoofed.status).toBe(403);
    });

    it("honours X-Forwarded-For from a proxy in LEASEHOLD_TRUSTED_PROXIES", async () => {
      const proxied = await createTestServer({
        clock,
        env: { AWS_ENDPOINT_URL_STS: stub.url, LEASEHOLD_TRUSTED_PROXIES: "127.0.0.1" },
      });
      const o = await setupOrg(proxied);
      const identityId = (
        await createAwsIdentity(o.admin, o.orgId, {
          allowedPrincipalArns: ARN,
          accessTokenTrustedIps: [{ ipAddress: "10.0.0.0/8" }],
        })
      ).identity.id;
      const viaProxy = () => createApiClient(proxied.app, { peer: "127.0.0.1" });
      const login = await viaProxy().send(awsAuthRoutes.login, {
        body: await signedLogin({ identityId, credentials, signingDate: clock.now() }),
        headers: { "x-forwarded-for": "10.2.2.2" },
      });
      expect(login.status, login.text).toBe(200);
      const use = (xff: string) => {
        const client = viaProxy();
        client.useBearer(login.body.accessToken);
        return client.send(identityRoutes.get, { params: { identityId }, headers: { "x-forwarded-for": xff } });
      };
      expect((await use("10.3.3.3")).status).toBe(200);
      expect((await use("203.0.113.9")).status).toBe(403);
      // The client's own spoofed hop is left of the proxy's: the rightmost untrusted hop counts.
      expect((await use("10.3.3.3, 203.0.113.9")).status).toBe(403);
      const tokens = (await o.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.tokens;
      expect(tokens[0].sourceIp).toBe("10.2.2.2");
      await proxied.close();
    });
  });

  it("answers a clear 401 for tokens that are not ours or malformed headers", async () => {
    const client = server.client();
    client.useBearer("lhat_notarealtoken");
    expect((await client.send(projectRoutes.list)).body.reasonCode).toBe("invalid_token");
    expect(
      (await server.client().send(projectRoutes.list, { headers: { authorization: "Token abc" } })).body.reasonCode,
    ).toBe("invalid_authorization");
    expect((await server.client().send(tokenRoutes.renew, { body: { accessToken: "x".repeat(600) } })).status).toBe(
      400,
    );
    expect((await server.client().send(tokenRoutes.renew, { body: {} })).body.issues[0].path).toEqual(["accessToken"]);
  });

  it("lists tokens without ever returning a token", async () => {
    const identityId = await identityWith({ accessTokenNumUsesLimit: 10 });
    const { accessToken } = (await login(identityId)).body;
    await selfRead(accessToken, identityId);
    const res = await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } });
    expect(res.body.tokens[0]).toMatchObject({
      numUses: 1,
      numUsesLimit: 10,
      principalArn: ARN,
      sourceIp: PEER,
      authMethod: "aws-auth",
    });
    expect(res.body.tokens[0].lastUsedAt).not.toBeNull();
    for (const text of org.admin.responses) expect(text).not.toContain(accessToken);
  });

  it("keeps tokens to their organisation", async () => {
    const identityId = await identityWith();
    const { accessToken } = (await login(identityId)).body;
    const [token] = (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId } })).body.tokens;
    const other = await server.createOtherOrgAdmin();
    expect((await other.client.send(tokenRoutes.listForIdentity, { params: { identityId } })).status).toBe(404);
    expect(
      (await other.client.send(tokenRoutes.revokeForIdentity, { params: { identityId, tokenId: token.id } })).status,
    ).toBe(404);
    expect((await selfRead(accessToken, identityId)).status).toBe(200);
  });
  it("purges tokens a week after they stopped working, keeping live ones", async () => {
    const identityId = await identityWith({ accessTokenTTL: 30 * 24 * 3600, accessTokenMaxTTL: 30 * 24 * 3600 });
    const dead = (await login(identityId)).body.accessToken;
    await server.client().send(tokenRoutes.revoke, { body: { accessToken: dead } });
    const worker = createTokenPurgeWorker({ clock, logger: server.core.logger }, server.services);
    clock.advance(6 * 24 * 3600);
    const live = (await login(identityId)).body.accessToken;
    expect(await worker.drain()).toBe(0);
    clock.advance(2 * 24 * 3600);
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    // The purged token is now unknown, no longer merely revoked.
    expect((await selfRead(dead, identityId)).body.reasonCode).toBe("invalid_token");
    expect((await selfRead(live, identityId)).status).toBe(200);
  });
});
