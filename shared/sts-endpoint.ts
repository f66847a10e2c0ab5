import { isKnownRegion, partitionOfRegion } from "./aws-regions.ts";

export const GLOBAL_STS_ENDPOINT = "https://sts.amazonaws.com/";

type StsEndpoint =
  | { kind: "global"; url: string }
  | { kind: "regional"; url: string; region: string; fips: boolean }
  | { kind: "vpc"; url: string; region: string };

export type StsEndpointResult = { ok: true; endpoint: StsEndpoint } | { ok: false; reason: string };

// vpce-0abc123-xyz.sts.us-east-1.vpce.amazonaws.com (optionally with an AZ label after the ID)
const VPC_HOST = /^vpce-[a-z0-9]+-[a-z0-9]+(?:-[a-z0-9-]+)?\.sts\.([a-z0-9-]+)\.vpce\.amazonaws\.com(?:\.cn)?$/;
const REGIONAL_HOST = /^sts(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/**
 * Accepts only an https URL whose host is AWS STS: the global endpoint, a regional or
 * FIPS endpoint of a known region (sts[-fips].<region>.amazonaws.com[.cn]), or an STS
 * VPC endpoint. Anything else (http, userinfo, ports, paths, IPs, other hosts) is refused
 * with a reason a person can act on: the server must never be steered to another host.
 */
export function parseStsEndpoint(input: string): StsEndpointResult {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: "Enter a full URL such as https://sts.us-east-1.amazonaws.com" };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "The STS endpoint must use https" };
  if (url.username || url.password)
    return { ok: false, reason: "The STS endpoint must not contain a user name or password" };
  if (url.port) return { ok: false, reason: "The STS endpoint must not name a port" };
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return { ok: false, reason: "The STS endpoint must not have a path, query or fragment" };
  }
  const host = url.hostname.toLowerCase();
  const normalised = `https://${host}/`;
  if (host === "sts.amazonaws.com") return { ok: true, endpoint: { kind: "global", url: normalised } };

  const regional = REGIONAL_HOST.exec(host);
  if (regional) {
    const region = regional[2]!;
    const chinaSuffix = Boolean(regional[3]);
    if (!isKnownRegion(region)) return { ok: false, reason: `"${region}" is not a known AWS region` };
    if ((partitionOfRegion(region) === "aws-cn") !== chinaSuffix) {
      return {
        ok: false,
        reason: `The region ${region} is not served under ${chinaSuffix ? "amazonaws.com.cn" : "amazonaws.com"}`,
      };
    }
    return { ok: true, endpoint: { kind: "regional", url: normalised, region, fips: Boolean(regional[1]) } };
  }
  const vpc = VPC_HOST.exec(host);
  if (vpc) {
    const region = vpc[1]!;
    if (!isKnownRegion(region)) return { ok: false, reason: `"${region}" is not a known AWS region` };
    return { ok: true, endpoint: { kind: "vpc", url: normalised, region } };
  }
  return {
    ok: false,
    reason:
      "The host must be an AWS STS endpoint, such as sts.amazonaws.com, sts.eu-west-1.amazonaws.com " +
      "or an STS VPC endpoint",
  };
}
