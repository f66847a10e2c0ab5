import { describe, expect, it } from "vitest";
import { regionalStsEndpoint } from "./aws-regions.ts";
import { parseStsEndpoint } from "./sts-endpoint.ts";

describe("parseStsEndpoint", () => {
  it.each([
    ["https://sts.amazonaws.com", { kind: "global" }],
    ["https://sts.amazonaws.com/", { kind: "global" }],
    ["https://sts.eu-west-1.amazonaws.com/", { kind: "regional", region: "eu-west-1", fips: false }],
    ["https://sts-fips.us-east-1.amazonaws.com", { kind: "regional", region: "us-east-1", fips: true }],
    ["https://sts.cn-north-1.amazonaws.com.cn", { kind: "regional", region: "cn-north-1" }],
    ["https://sts.us-gov-west-1.amazonaws.com", { kind: "regional", region: "us-gov-west-1" }],
    ["https://vpce-0a1b2c3d4e5f-abcdefgh.sts.us-east-1.vpce.amazonaws.com", { kind: "vpc", region: "us-east-1" }],
  ])("accepts %s", (input, expected) => {
    const result = parseStsEndpoint(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.endpoint).toMatchObject(expected);
  });

  it.each([
    ["http://sts.amazonaws.com", /https/],
    ["https://sts.amazonaws.com@evil.example", /user name/],
    ["https://user:pw@sts.amazonaws.com", /user name/],
    ["https://evil.example", /AWS STS endpoint/],
    ["https://sts.amazonaws.com.evil.example", /AWS STS endpoint/],
    ["https://169.254.169.254", /AWS STS endpoint/],
    ["https://[::1]", /AWS STS endpoint/],
    ["https://sts.mars-east-1.amazonaws.com", /not a known AWS region/],
    ["https://sts.cn-north-1.amazonaws.com", /not served/],
    ["https://sts.amazonaws.com:8443", /port/],
    ["https://sts.amazonaws.com/path", /path/],
    ["https://sts.amazonaws.com/?Action=AssumeRole", /path, query/],
    ["sts.amazonaws.com", /full URL/],
  ])("refuses %s", (input, reason) => {
    const result = parseStsEndpoint(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("builds regional endpoints only from known regions", () => {
    expect(regionalStsEndpoint("ap-southeast-2")).toBe("https://sts.ap-southeast-2.amazonaws.com/");
    expect(regionalStsEndpoint("cn-northwest-1")).toBe("https://sts.cn-northwest-1.amazonaws.com.cn/");
    expect(() => regionalStsEndpoint("evil.example#")).toThrow();
  });
});
