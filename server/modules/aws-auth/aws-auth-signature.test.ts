import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { type Moto, resetMotoAuth, startMoto } from "../../../test/ground/index.ts";
import { createAwsIdentity, expectNotLogged, setupOrg } from "./identity.fixtures.ts";
import { createIamUser } from "./moto-principals.fixtures.ts";
import { signedLogin } from "./signed-login.fixtures.ts";

/**
 * moto in authenticating mode checks SigV4 signatures like STS does. It checks them
 * against the Host it receives, so these requests are signed for moto's own host, which
 * the server accepts because AWS_ENDPOINT_URL_STS names it.
 */
describe("AWS Auth login with a signature-checking STS (moto, authenticating)", () => {
  let moto: Moto;
  let server: TestServer;
  let identityId: string;
  let user: Awaited<ReturnType<typeof createIamUser>>;
  const login = (body: unknown) =>
    createApiClient(server.app, { peer: "198.51.100.40" }).send(awsAuthRoutes.login, { body });

  beforeAll(async () => {
    moto = await startMoto({ authenticating: 100 });
    user = await createIamUser(moto.url);
    await resetMotoAuth(moto.url, 0);
    server = await createTestServer({ env: { AWS_ENDPOINT_URL_STS: moto.url } });
    const org = await setupOrg(server);
    identityId = (await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: user.arn })).identity.id;
  }, 60_000);
  afterAll(async () => {
    expectNotLogged(server?.logs ?? [], [user?.credentials.secretAccessKey]);
    await server?.close();
    await moto?.stop();
  });

  it("logs in with a correct signature", async () => {
    const res = await login(
      await signedLogin({ identityId, credentials: user.credentials, host: new URL(moto.url).host }),
    );
    expect(res.status, res.text).toBe(200);
  });

  it("refuses a bad signature as sts_rejected_signature", async () => {
    const forged = { ...user.credentials, secretAccessKey: `${user.credentials.secretAccessKey.slice(0, -4)}XXXX` };
    const res = await login(await signedLogin({ identityId, credentials: forged, host: new URL(moto.url).host }));
    expect(res.status, res.text).toBe(401);
    expect(res.body.reasonCode).toBe("sts_rejected_signature");
    expect(res.body.message).toContain("SignatureDoesNotMatch");
  });

  it("refuses an unknown access key as sts_rejected_signature", async () => {
    const res = await login(
      await signedLogin({
        identityId,
        credentials: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "nope" },
        host: new URL(moto.url).host,
      }),
    );
    expect(res.status).toBe(401);
    expect(res.body.reasonCode).toBe("sts_rejected_signature");
  });
});
