import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { awsAuthRoutes } from "#client/core/routes/aws-auth.ts";
import { tokenRoutes } from "#client/core/routes/tokens.ts";
import { createApiClient, createTestServer, type TestServer } from "../../../test/ground/in-process-server.ts";
import { createAwsIdentity, expectNotLogged, type Org, setupOrg } from "./identity.fixtures.ts";
import { signedLogin } from "./signed-login.fixtures.ts";
import { answerXml, callerIdentityXml, type StubSts, startStubSts } from "./stub-sts.fixtures.ts";

const ACCOUNT = "123456789012";
const ALLOWED = `arn:aws:iam::${ACCOUNT}:user/ci`;
const credentials = { accessKeyId: "AKIASTUBANSWERS00001", secretAccessKey: "stub-answers-secret-not-real" };

/**
 * A stub STS (AWS_ENDPOINT_URL_STS) answers in ways real STS never would, or would only
 * when attacked. Only a 200 with exactly a GetCallerIdentityResponse may yield a token.
 */
describe("AWS Auth login reads STS's answer strictly", () => {
  let server: TestServer;
  let stub: StubSts;
  let org: Org;
  let identityId: string;
  const issued: string[] = [];
  const login = async () => {
    const res = await createApiClient(server.app, { peer: "198.51.100.30" }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId, credentials }),
    });
    if (res.body?.accessToken) issued.push(res.body.accessToken);
    return res;
  };

  const tokensIssued = async () =>
    (await org.admin.send(tokenRoutes.listForIdentity, { params: { identityId }, query: { status: "all" } })).body
      .totalCount as number;

  beforeAll(async () => {
    stub = await startStubSts();
    server = await createTestServer({ env: { AWS_ENDPOINT_URL_STS: stub.url } });
    org = await setupOrg(server);
    identityId = (await createAwsIdentity(org.admin, org.orgId, { allowedPrincipalArns: ALLOWED })).identity.id;
  });
  beforeEach(() => {
    stub.requests.length = 0;
  });
  afterAll(async () => {
    expectNotLogged(server.logs, [...issued, credentials.secretAccessKey]);
    await server.close();
    await stub.close();
  });

  it("issues a token for a valid XML answer, and forwards only allowlisted headers plus our Accept", async () => {
    stub.answer(answerXml(callerIdentityXml(ALLOWED)));
    const res = await login();
    expect(res.status, res.text).toBe(200);
    const sent = stub.requests[0]!.headers;
    expect(sent.accept).toBe("application/xml");
    expect(sent.host).toBe("sts.us-east-1.amazonaws.com");
    expect(Object.keys(sent).sort()).toEqual(
      [
        "accept",
        "authorization",
        "connection",
        "content-length",
        "content-type",
        "host",
        "x-amz-content-sha256",
        "x-amz-date",
      ].sort(),
    );
    expect(stub.requests[0]!.body).toBe("Action=GetCallerIdentity&Version=2011-06-15");
  });

  it("accepts the equivalent JSON answer", async () => {
    stub.answer(
      answerXml(
        JSON.stringify({
          GetCallerIdentityResponse: {
            // The same user as the XML answers: its unique ID was bound at its first login.
            GetCallerIdentityResult: { Arn: ALLOWED, Account: ACCOUNT, UserId: "AIDASTUBUSERID" },
          },
        }),
        200,
        "application/json",
      ),
    );
    expect((await login()).status).toBe(200);
  });

  describe("refuses with a 4xx and no token", () => {
    let before: number;
    beforeEach(async () => {
      before = await tokensIssued();
    });
    const expectRefused = async (status: number, reasonCode: string) => {
      const res = await login();
      expect(res.status, res.text).toBe(status);
      expect(res.body.reasonCode).toBe(reasonCode);
      expect(res.body.accessToken).toBeUndefined();
      expect(await tokensIssued()).toBe(before);
      return res;
    };

    it("a reflected document that wraps a GetCallerIdentity answer (CVE-2020-16250)", async () => {
      stub.answer(
        answerXml(
          `<ErrorResponse><Error><Code>InvalidAction</Code><Message>` +
            `${callerIdentityXml(ALLOWED).replace(/<\?xml[^>]*\?>/, "")}</Message></Error></ErrorResponse>`,
        ),
      );
      await expectRefused(401, "sts_unexpected_response");
      stub.answer(answerXml(`<Envelope>${callerIdentityXml(ALLOWED).replace(/<\?xml[^>]*\?>/, "")}</Envelope>`));
      await expectRefused(401, "sts_unexpected_response");
    });

    it("a document with a second root after the answer", async () => {
      stub.answer(answerXml(`${callerIdentityXml(ALLOWED)}<Extra/>`));
      await expectRefused(401, "sts_unexpected_response");
    });

    it("the right document with the wrong Content-Type", async () => {
      stub.answer(answerXml(callerIdentityXml(ALLOWED), 200, "text/html"));
      await expectRefused(401, "sts_unexpected_response");
      stub.answer(answerXml(callerIdentityXml(ALLOWED), 200, "text/plain"));
      await expectRefused(401, "sts_unexpected_response");
    });

    it("a 302, which is never followed", async () => {
      const elsewhere = await startStubSts(answerXml(callerIdentityXml(ALLOWED)));
      stub.answer((_req, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/` });
        res.end();
      });
      const res = await expectRefused(401, "sts_unexpected_response");
      expect(res.body.message).toContain("redirect");
      expect(elsewhere.requests).toHaveLength(0);
      await elsewhere.close();
    });

    it("an answer with an empty Arn, Account or UserId, or an account that is not 12 digits", async () => {
      stub.answer(answerXml(callerIdentityXml(ALLOWED, ACCOUNT, "")));
      await expectRefused(401, "sts_unexpected_response");
      stub.answer(answerXml(callerIdentityXml("", ACCOUNT)));
      await expectRefused(401, "sts_unexpected_response");
      stub.answer(answerXml(callerIdentityXml(ALLOWED, "12345")));
      await expectRefused(401, "sts_unexpected_response");
    });

    it.each(["__proto__", "constructor", "prototype"])(
      "an element named %s, in a 200 or in an error body (the XML parser refuses the name)",
      async (name) => {
        stub.answer(answerXml(callerIdentityXml(ALLOWED).replace("<Arn>", `<${name}>x</${name}><Arn>`)));
        await expectRefused(401, "sts_unexpected_response");
        stub.answer(
          answerXml(`<ErrorResponse><Error><${name}/><Code>AccessDenied</Code></Error></ErrorResponse>`, 403),
        );
        const res = await login();
        expect(res.status, res.text).toBe(401);
        expect(await tokensIssued()).toBe(before);
      },
    );

    it("a document declaring entities", async () => {
      stub.answer(answerXml(`<!DOCTYPE r [<!ENTITY arn "${ALLOWED}">]>${callerIdentityXml("&arn;")}`));
      await expectRefused(401, "sts_unexpected_response");
    });

    it("an answer larger than any real one", async () => {
      stub.answer(
        answerXml(
          callerIdentityXml(ALLOWED).replace(
            "<ResponseMetadata>",
            `<Padding>${"x".repeat(100_000)}</Padding><ResponseMetadata>`,
          ),
        ),
      );
      await expectRefused(401, "sts_unexpected_response");
    });

    it("STS's refusal of the signature, as sts_rejected_signature", async () => {
      stub.answer(
        answerXml(
          "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>" +
            "<Message>The request signature we calculated does not match</Message></Error></ErrorResponse>",
          403,
        ),
      );
      const res = await expectRefused(401, "sts_rejected_signature");
      expect(res.body.message).toContain("SignatureDoesNotMatch");
    });

    it("STS's RequestExpired, as request_not_fresh", async () => {
      stub.answer(answerXml(`<ErrorResponse><Error><Code>RequestExpired</Code></Error></ErrorResponse>`, 400));
      await expectRefused(401, "request_not_fresh");
    });

    it("a root principal, as root_principal_not_supported", async () => {
      expect(
        (
          await org.admin.send(awsAuthRoutes.update, {
            params: { identityId },
            body: { allowedAccountIds: ACCOUNT, allowedPrincipalArns: "" },
          })
        ).status,
      ).toBe(200);
      stub.answer(answerXml(callerIdentityXml(`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT, ACCOUNT)));
      const res = await expectRefused(403, "root_principal_not_supported");
      expect(res.body.message).toContain(`arn:aws:iam::${ACCOUNT}:root`);
      expect(
        (
          await org.admin.send(awsAuthRoutes.update, {
            params: { identityId },
            body: { allowedAccountIds: "", allowedPrincipalArns: ALLOWED },
          })
        ).status,
      ).toBe(200);
    });
  });

  it("answers 502 naming the endpoint when STS fails with a 5xx", async () => {
    stub.answer(answerXml("<ErrorResponse><Error><Code>InternalFailure</Code></Error></ErrorResponse>", 500));
    const res = await login();
    expect(res.status).toBe(502);
    expect(res.body.reasonCode).toBe("sts_unreachable");
    expect(res.body.message).toContain(stub.url);
  });

  it("answers 502 naming the endpoint when STS cannot be reached", async () => {
    const gone = await startStubSts();
    const unreachable = await createTestServer({ env: { AWS_ENDPOINT_URL_STS: gone.url } });
    await gone.close();
    const o = await setupOrg(unreachable);
    const id = (await createAwsIdentity(o.admin, o.orgId, { allowedPrincipalArns: ALLOWED })).identity.id;
    const res = await createApiClient(unreachable.app, { peer: "198.51.100.31" }).send(awsAuthRoutes.login, {
      body: await signedLogin({ identityId: id, credentials }),
    });
    expect(res.status).toBe(502);
    expect(res.body.message).toContain(gone.url);
    await unreachable.close();
  });

  it("gives up on a slow STS after the 10 s timeout, with no token", async () => {
    const before = await tokensIssued();
    let release: () => void = () => {};
    stub.answer((_req, res) => {
      const timer = setTimeout(() => answerXml(callerIdentityXml(ALLOWED))(_req, res), 15_000);
      release = () => clearTimeout(timer);
    });
    const started = Date.now();
    const res = await login();
    const elapsed = Date.now() - started;
    release();
    expect(res.status).toBe(502);
    expect(res.body.reasonCode).toBe("sts_unreachable");
    expect(res.body.message).toContain("10 s");
    expect(elapsed).toBeGreaterThanOrEqual(9_900);
    expect(elapsed).toBeLessThan(12_000);
    expect(await tokensIssued()).toBe(before);
  }, 20_000);
});
