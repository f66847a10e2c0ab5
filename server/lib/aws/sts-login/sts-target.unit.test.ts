import { describe, expect, it } from "vitest";
import { refusalOf as refusal } from "./expect-refusal.ts";
import type { SignedStsRequest } from "./signed-request.ts";
import { resolveStsTarget } from "./sts-target.ts";

const request = (region: string, host: string, url?: string): SignedStsRequest => ({
  body: "Action=GetCallerIdentity&Version=2011-06-15",
  headers: new Map([["host", host]]),
  host,
  credential: { accessKeyId: "AKIAEXAMPLE", date: "20260101", region, service: "sts" },
  signedHeaders: ["host", "x-amz-date"],
  signature: "0".repeat(64),
  signedAt: new Date("2026-01-01T00:00:00Z"),
  url,
});
const GLOBAL = "https://sts.amazonaws.com/";

describe("resolveStsTarget", () => {
  it("sends a global-endpoint login to the regional endpoint of the signature's region", () => {
    expect(resolveStsTarget(GLOBAL, request("eu-west-1", "sts.eu-west-1.amazonaws.com"), undefined).url.href).toBe(
      "https://sts.eu-west-1.amazonaws.com/",
    );
    expect(
      resolveStsTarget(GLOBAL, request("us-gov-west-1", "sts.us-gov-west-1.amazonaws.com"), undefined).url.href,
    ).toBe("https://sts.us-gov-west-1.amazonaws.com/");
    expect(resolveStsTarget(GLOBAL, request("cn-north-1", "sts.cn-north-1.amazonaws.com.cn"), undefined).url.href).toBe(
      "https://sts.cn-north-1.amazonaws.com.cn/",
    );
  });

  it("keeps a us-east-1 signature made for the global host on the global host", () => {
    expect(resolveStsTarget(GLOBAL, request("us-east-1", "sts.amazonaws.com"), undefined).url.href).toBe(GLOBAL);
    expect(refusal(() => resolveStsTarget(GLOBAL, request("eu-west-1", "sts.amazonaws.com"), undefined)).status).toBe(
      400,
    );
  });

  it("never builds a host from a region that is not on the known list", () => {
    const error = refusal(() =>
      resolveStsTarget(GLOBAL, request("evil.example#", "sts.evil.example#.amazonaws.com"), undefined),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain("not a known AWS region");
  });

  it("uses a specific endpoint and refuses a signature for another region", () => {
    const eu = "https://sts.eu-central-1.amazonaws.com/";
    expect(resolveStsTarget(eu, request("eu-central-1", "sts.eu-central-1.amazonaws.com"), undefined).url.href).toBe(
      eu,
    );
    const error = refusal(() => resolveStsTarget(eu, request("us-east-1", "sts.us-east-1.amazonaws.com"), undefined));
    expect(error.message).toContain("only accepts signatures for eu-central-1");
    const fips = "https://sts-fips.us-east-2.amazonaws.com/";
    expect(resolveStsTarget(fips, request("us-east-2", "sts-fips.us-east-2.amazonaws.com"), undefined).url.href).toBe(
      fips,
    );
  });

  it("accepts the regional name for a VPC endpoint, and sends to the VPC endpoint", () => {
    const vpce = "https://vpce-0abc123-xyz.sts.eu-west-1.vpce.amazonaws.com/";
    expect(resolveStsTarget(vpce, request("eu-west-1", "sts.eu-west-1.amazonaws.com"), undefined).url.href).toBe(vpce);
    expect(
      resolveStsTarget(vpce, request("eu-west-1", "vpce-0abc123-xyz.sts.eu-west-1.vpce.amazonaws.com"), undefined).url
        .href,
    ).toBe(vpce);
  });

  it("lets the operator's override carry the request, for AWS hosts and the override's own host", () => {
    const override = "http://127.0.0.1:4566";
    const viaAws = resolveStsTarget(GLOBAL, request("us-east-1", "sts.us-east-1.amazonaws.com"), override);
    expect(viaAws.url.href).toBe("http://127.0.0.1:4566/");
    expect(viaAws.endpoint).toBe("http://127.0.0.1:4566");
    expect(resolveStsTarget(GLOBAL, request("us-east-1", "127.0.0.1:4566"), override).url.host).toBe("127.0.0.1:4566");
    expect(refusal(() => resolveStsTarget(GLOBAL, request("us-east-1", "127.0.0.1:9999"), override)).status).toBe(400);
  });

  it("checks the client's URL without ever routing by it", () => {
    const host = "sts.us-east-1.amazonaws.com";
    expect(resolveStsTarget(GLOBAL, request("us-east-1", host, `https://${host}/`), undefined).url.host).toBe(host);
    for (const url of [
      `https://${host}/?Action=AssumeRole`,
      `https://${host}/path`,
      "https://attacker.example/",
      `https://user:pw@${host}/`,
      "not a url",
    ]) {
      expect(
        refusal(() => resolveStsTarget(GLOBAL, request("us-east-1", host, url), undefined)).extra.issues?.[0]?.path,
      ).toEqual(["iamRequestUrl"]);
    }
  });
});
