import { describe, expect, it } from "vitest";
import { refusalOf as refusal } from "./expect-refusal.ts";
import { parseSignedStsRequest } from "./signed-request.ts";

const BODY = "Action=GetCallerIdentity&Version=2011-06-15";
const AUTH =
  "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/sts/aws4_request, " +
  `SignedHeaders=content-length;content-type;host;x-amz-date, Signature=${"a".repeat(64)}`;
const headers = (extra: Record<string, unknown> = {}) => ({
  "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
  Host: "sts.us-east-1.amazonaws.com",
  "X-Amz-Date": "20260101T120000Z",
  Authorization: AUTH,
  ...extra,
});
const parse = (h: Record<string, unknown>, body = BODY) =>
  parseSignedStsRequest({
    iamHttpRequestMethod: "post",
    iamRequestBody: Buffer.from(body).toString("base64"),
    iamRequestHeaders: JSON.stringify(h),
  });

describe("parseSignedStsRequest", () => {
  it("reads Go-style headers: any case, Content-Length signed but not sent", () => {
    const parsed = parse(headers());
    expect(parsed.host).toBe("sts.us-east-1.amazonaws.com");
    expect(parsed.credential).toEqual({
      accessKeyId: "AKIAEXAMPLE",
      date: "20260101",
      region: "us-east-1",
      service: "sts",
    });
    expect(parsed.signedAt.toISOString()).toBe("2026-01-01T12:00:00.000Z");
    expect([...parsed.headers.keys()].sort()).toEqual(["authorization", "content-type", "host", "x-amz-date"]);
  });

  it("accepts the two parameters in either order", () => {
    expect(parse(headers(), "Version=2011-06-15&Action=GetCallerIdentity").body).toBe(
      "Version=2011-06-15&Action=GetCallerIdentity",
    );
  });

  it.each([
    ["another Version", "Action=GetCallerIdentity&Version=2012-01-01"],
    ["an encoded Action", "Action=GetCaller%49dentity&Version=2011-06-15"],
    ["a trailing &", `${BODY}&`],
    ["a repeated Action", "Action=GetCallerIdentity&Action=GetCallerIdentity"],
  ])("refuses a body with %s", (_what, body) => {
    expect(refusal(() => parse(headers(), body)).extra.issues?.[0]?.path).toEqual(["iamRequestBody"]);
  });

  it.each([
    ["a date that does not exist", { "X-Amz-Date": "20260231T120000Z" }],
    ["a scope date that differs from X-Amz-Date", { "X-Amz-Date": "20260102T120000Z" }],
    ["a signature that does not cover Host", { Authorization: AUTH.replace("host;", "") }],
    ["a signed header that was not sent", { Authorization: AUTH.replace("host;", "host;x-amz-security-token;") }],
    ["a form Content-Type of another kind", { "Content-Type": "application/json" }],
    ["a Host with a path", { Host: "sts.us-east-1.amazonaws.com/evil" }],
    ["a non-string value", { Host: ["sts.us-east-1.amazonaws.com"] }],
  ])("refuses %s", (_what, extra) => {
    expect(refusal(() => parse(headers(extra))).status).toBe(400);
  });
});
