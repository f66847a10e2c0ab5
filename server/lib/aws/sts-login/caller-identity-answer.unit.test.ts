import { describe, expect, it } from "vitest";
import { readCallerIdentityAnswer } from "./caller-identity-answer.ts";

const ARN = "arn:aws:iam::123456789012:user/ci";
const xml = (inner = `<Arn>${ARN}</Arn><UserId>AIDA1</UserId><Account>123456789012</Account>`) =>
  `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
  `<GetCallerIdentityResult>${inner}</GetCallerIdentityResult></GetCallerIdentityResponse>`;
const answer = (body: string, status = 200, contentType: string | null = "text/xml") =>
  readCallerIdentityAnswer({ status, contentType, body });

describe("readCallerIdentityAnswer", () => {
  it("accepts exactly one GetCallerIdentityResponse root, in XML or JSON", () => {
    expect(answer(xml())).toEqual({ kind: "verified", caller: { arn: ARN, account: "123456789012", userId: "AIDA1" } });
    expect(answer(xml(), 200, "application/xml; charset=utf-8").kind).toBe("verified");
    const json = JSON.stringify({
      GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: ARN, Account: "123456789012", UserId: "AIDA1" } },
    });
    expect(answer(json, 200, "application/json").kind).toBe("verified");
  });

  it("keeps an account ID with a leading zero as text", () => {
    const result = answer(
      xml(`<Arn>arn:aws:iam::012345678901:user/x</Arn><UserId>U</UserId><Account>012345678901</Account>`),
    );
    expect(result.kind === "verified" && result.caller.account).toBe("012345678901");
  });

  it.each([
    ["a wrapping root", `<Wrapper>${xml()}</Wrapper>`],
    ["a second root", `${xml()}<Other/>`],
    [
      "a duplicated Arn",
      xml(
        `<Arn>${ARN}</Arn><Arn>arn:aws:iam::123456789012:user/admin</Arn>` +
          "<UserId>U</UserId><Account>123456789012</Account>",
      ),
    ],
    [
      "an Arn with markup inside",
      xml(`<Arn><Value>${ARN}</Value></Arn><UserId>U</UserId><Account>123456789012</Account>`),
    ],
    ["a missing UserId", xml(`<Arn>${ARN}</Arn><Account>123456789012</Account>`)],
    ["broken XML", xml().slice(0, -5)],
    ["an entity declaration", `<!DOCTYPE x [<!ENTITY a "b">]>${xml()}`],
    ["JSON with two roots", JSON.stringify({ GetCallerIdentityResponse: {}, Extra: {} })],
  ])("refuses %s", (_what, body) => {
    expect(answer(body, 200, body.startsWith("{") ? "application/json" : "text/xml").kind).toBe("unexpected");
  });

  it("refuses the right document with the wrong or no Content-Type", () => {
    expect(answer(xml(), 200, "text/html").kind).toBe("unexpected");
    expect(answer(xml(), 200, null).kind).toBe("unexpected");
  });

  it("classifies: 3xx and other 2xx unexpected, 4xx rejected with the AWS code, 5xx unavailable", () => {
    expect(answer("", 302).kind).toBe("unexpected");
    expect(answer("<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>", 403)).toEqual({
      kind: "rejected",
      status: 403,
      awsCode: "InvalidClientTokenId",
    });
    expect(
      answer(
        "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code></Error></Errors></ErrorResponse>",
        403,
        "text/html",
      ),
    ).toMatchObject({ awsCode: "SignatureDoesNotMatch" });
    expect(answer('{"Error":{"Code":"ExpiredToken"}}', 400, "application/json")).toMatchObject({
      awsCode: "ExpiredToken",
    });
    expect(
      answer("<ErrorResponse><Error><Code>bad code with spaces</Code></Error></ErrorResponse>", 403),
    ).toMatchObject({ awsCode: null });
    expect(answer("", 503).kind).toBe("unavailable");
    expect(answer(xml(), 204).kind).toBe("unexpected");
  });
});
