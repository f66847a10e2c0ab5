import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { createAwsIdentity, setupOrg } from "./identity.fixtures.ts";
import { base64, GET_CALLER_IDENTITY_BODY, signedLogin, signGetCallerIdentity } from "./signed-login.fixtures.ts";
import { type StubSts, startStubSts } from "./stub-sts.fixtures.ts";

const credentials = { accessKeyId: "AKIAHOSTILETEST00001", secretAccessKey: "hostile-test-secret-key-not-real" };

/**
 * Every request here is malformed or not a plain GetCallerIdentity. Each must be refused
 * before any network call: the stub STS (where AWS_ENDPOINT_URL_STS points) counts what
 * reaches it, and must see nothing.
 */
describe("AWS Auth login refuses hostile requests before any network call", () => {
  let server: TestServer;
  let stub: StubSts;
  let identityId: string;
  let regionalIdentityId: string;
  const client = () => createApiClient(server.app, { peer: "198.51.100.20" });

  const loginWith = async (overrides: {
    headers?: Record<string, string>;
    drop?: string[];
    body?: string;
    method?: string;
    url?: string;
    region?: string;
    host?: string;
  }) => {
    const headers = await signGetCallerIdentity({
      credentials,
      ...(overrides.region ? { region: overrides.region } : {}),
      ...(overrides.host ? { host: overrides.host } : {}),
      ...(overrides.body ? { body: overrides.body } : {}),
      ...(overrides.headers ? { headers: overrides.headers } : {}),
    });
    for (const name of overrides.drop ?? []) delete headers[name];
    return {
      identityId,
      iamHttpRequestMethod: overrides.method ?? "POST",
      iamRequestBody: base64(overrides.body ?? GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(JSON.stringify(headers)),
      ...(overrides.url ? { iamRequestUrl: overrides.url } : {}),
    };
  };

  const expectRefusedBeforeNetwork = async (body: unknown, status = 400, reasonCode = "invalid_request") => {
    const res = await client().send(awsAuthRoutes.login, { body });
    expect(res.status, res.text).toBe(status);
    expect(res.body.reasonCode).toBe(reasonCode);
    expect(stub.requests).toHaveLength(0);
    return res;
  };

  beforeAll(async () => {
    stub = await startStubSts();
    server = await createTestServer({ env: { AWS_ENDPOINT_URL_STS: stub.url } });
    const org = await setupOrg(server);
    identityId = (await createAwsIdentity(org.admin, org.orgId, { allowedAccountIds: "123456789012" })).identity.id;
    regionalIdentityId = (
      await createAwsIdentity(org.admin, org.orgId, {
        allowedAccountIds: "123456789012",
        stsEndpoint: "https://sts.eu-west-1.amazonaws.com",
      })
    ).identity.id;
  });
  afterEach(() => {
    stub.requests.length = 0;
  });
  afterAll(async () => {
    await server.close();
    await stub.close();
  });

  it("(control) forwards a plain, well-formed GetCallerIdentity", async () => {
    const res = await client().send(awsAuthRoutes.login, { body: await loginWith({}) });
    expect(res.status, res.text).toBe(200);
    expect(stub.requests).toHaveLength(1);
  });

  it("refuses a body with another Action", async () => {
    const res = await expectRefusedBeforeNetwork(
      await loginWith({ body: "Action=GetSessionToken&Version=2011-06-15" }),
    );
    expect(res.body.issues[0].path).toEqual(["iamRequestBody"]);
  });

  it("refuses a body with extra parameters", async () => {
    await expectRefusedBeforeNetwork(
      await loginWith({ body: `${GET_CALLER_IDENTITY_BODY}&RoleArn=arn:aws:iam::123456789012:role/admin` }),
    );
    await expectRefusedBeforeNetwork(await loginWith({ body: `${GET_CALLER_IDENTITY_BODY}&Action=GetCallerIdentity` }));
  });

  it("refuses a method other than POST", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ method: "GET" }));
  });

  it("refuses a query string in the client's URL", async () => {
    const res = await expectRefusedBeforeNetwork(
      await loginWith({ url: "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15" }),
    );
    expect(res.body.issues[0].path).toEqual(["iamRequestUrl"]);
  });

  it("refuses a client-supplied URL pointing elsewhere", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ url: "https://attacker.example/" }));
    await expectRefusedBeforeNetwork(await loginWith({ url: "https://sts.us-east-1.amazonaws.com.attacker.example/" }));
  });

  it("refuses a Host pointing elsewhere", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ host: "attacker.example" }));
    await expectRefusedBeforeNetwork(await loginWith({ host: "sts.eu-west-1.amazonaws.com" }));
  });

  it("refuses a header not on the allowlist, signed or not", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ headers: { "X-Forwarded-For": "127.0.0.1" } }));
    await expectRefusedBeforeNetwork(await loginWith({ headers: { "User-Agent": "curl/8" } }));
    const headers = await signGetCallerIdentity({ credentials });
    headers["x-amz-target"] = "AWSSecurityTokenServiceV20110615.AssumeRole";
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(JSON.stringify(headers)),
    });
  });

  it("refuses the same header twice in different case, and values with line breaks", async () => {
    const headers = await signGetCallerIdentity({ credentials });
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(JSON.stringify({ ...headers, Host: "attacker.example" })),
    });
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(
        JSON.stringify({ ...headers, "content-type": "application/x-www-form-urlencoded\r\nX-Injected: 1" }),
      ),
    });
  });

  it("refuses garbage base64 and garbage JSON", async () => {
    const good = await loginWith({});
    await expectRefusedBeforeNetwork({ ...good, iamRequestBody: "%%%not-base64%%%" });
    await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: "!!notbase64!!" });
    await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: base64("{not json") });
    await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: base64('["an", "array"]') });
    await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: base64('{"host": 42}') });
    await expectRefusedBeforeNetwork({ ...good, iamRequestBody: Buffer.from([0xff, 0xfe, 0x41]).toString("base64") });
  });

  it("refuses an oversized body with 413", async () => {
    const good = await loginWith({});
    await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: "A".repeat(70 * 1024) }, 413, "body_too_large");
  });

  it("refuses fields larger than a signed request can be", async () => {
    const good = await loginWith({});
    const res = await expectRefusedBeforeNetwork({ ...good, iamRequestHeaders: "A".repeat(20 * 1024) });
    expect(res.body.issues[0].path).toEqual(["iamRequestHeaders"]);
  });

  it("refuses a signature for another service or an unknown region", async () => {
    const signed = await signGetCallerIdentity({ credentials });
    const forIam = signed.authorization!.replace("/sts/aws4_request", "/iam/aws4_request");
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(JSON.stringify({ ...signed, authorization: forIam })),
    });
    await expectRefusedBeforeNetwork(
      await loginWith({ region: "mars-north-1", host: "sts.mars-north-1.amazonaws.com" }),
    );
  });

  it("refuses a signature whose region cannot be valid at the identity's specific endpoint", async () => {
    const res = await expectRefusedBeforeNetwork({ ...(await loginWith({})), identityId: regionalIdentityId });
    expect(res.body.message).toContain("eu-west-1");
  });

  it("refuses a body that does not match its signed hash or length", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ headers: { "content-length": "999" } }));
    const headers = await signGetCallerIdentity({ credentials });
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64("Version=2011-06-15&Action=GetCallerIdentity"),
      iamRequestHeaders: base64(JSON.stringify(headers)),
    });
  });

  it("refuses an unsigned request with 401 signature_missing", async () => {
    await expectRefusedBeforeNetwork(await loginWith({ drop: ["authorization"] }), 401, "signature_missing");
    await expectRefusedBeforeNetwork(await loginWith({ drop: ["x-amz-date"] }), 401, "signature_missing");
  });

  it("refuses a malformed Authorization header", async () => {
    const headers = await signGetCallerIdentity({ credentials });
    await expectRefusedBeforeNetwork({
      identityId,
      iamHttpRequestMethod: "POST",
      iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
      iamRequestHeaders: base64(JSON.stringify({ ...headers, authorization: "Basic dXNlcjpwYXNz" })),
    });
  });

  it("refuses a stale signature with 401 before sending it", async () => {
    const stale = await signedLogin({ identityId, credentials, signingDate: new Date(Date.now() - 60 * 60_000) });
    await expectRefusedBeforeNetwork(stale, 401, "request_not_fresh");
  });

  it("answers field-level issues for a body that is not a login at all", async () => {
    const res = await expectRefusedBeforeNetwork({ identityId: "not-a-uuid", iamRequestBody: 5 });
    const paths = res.body.issues.map((i: { path: string[] }) => i.path[0]);
    expect(paths).toEqual(
      expect.arrayContaining(["identityId", "iamRequestBody", "iamRequestHeaders", "iamHttpRequestMethod"]),
    );
  });
});
