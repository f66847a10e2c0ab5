import { isKnownRegion, regionalStsEndpoint } from "#shared/aws-regions.ts";
import { GLOBAL_STS_ENDPOINT, parseStsEndpoint } from "#shared/sts-endpoint.ts";
import { invalidLoginRequest, type SignedStsRequest } from "./signed-request.ts";

/** Where a signed login goes, and the endpoint named in messages. */
export interface StsTarget {
  url: URL;
  /** The AWS endpoint the request stands for (the operator's override may carry it elsewhere). */
  endpoint: string;
}

const GLOBAL_HOST = new URL(GLOBAL_STS_ENDPOINT).host;

/**
 * Chooses where a signed GetCallerIdentity goes. Only the identity's stsEndpoint, the
 * region list and the operator's override decide; the client's Host and URL are merely
 * checked against the result, so they can never point the server elsewhere.
 *
 * - Default global endpoint: the regional endpoint of the region in the signature's
 *   credential scope (Infisical's SDKs sign for sts.<region>.amazonaws.com), or the
 *   global host itself for a us-east-1 signature made for it. The region must be on the
 *   known list; no host is ever built from free text.
 * - A specific endpoint: that endpoint, and the signature must be for its region, which
 *   is the only region STS accepts there.
 * - AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL: the request is sent there instead; a Host
 *   signed for the override (a private proxy, moto in tests) is accepted too.
 */
export function resolveStsTarget(
  configured: string,
  request: SignedStsRequest,
  override: string | undefined,
): StsTarget {
  const parsed = parseStsEndpoint(configured);
  if (!parsed.ok) throw new Error(`stored STS endpoint is invalid: ${parsed.reason}`);
  const endpoint = parsed.endpoint;
  const region = request.credential.region;
  if (!isKnownRegion(region)) {
    throw invalidLoginRequest(
      "iamRequestHeaders",
      `The signature's credential scope names "${region}", which is not a known AWS region`,
    );
  }

  // Host → the AWS endpoint that answers to it; every entry comes from config or the region list.
  const hosts = new Map<string, string>();
  const addUrl = (url: string) => hosts.set(new URL(url).host, url);
  if (endpoint.kind === "global") {
    addUrl(regionalStsEndpoint(region));
    if (region === "us-east-1") hosts.set(GLOBAL_HOST, GLOBAL_STS_ENDPOINT);
  } else {
    if (endpoint.region !== region) {
      throw invalidLoginRequest(
        "iamRequestHeaders",
        `The request is signed for ${region}, but this identity's STS endpoint ${endpoint.url} ` +
          `only accepts signatures for ${endpoint.region}`,
      );
    }
    addUrl(endpoint.url);
    // A VPC endpoint with private DNS answers to the regional name too.
    if (endpoint.kind === "vpc") hosts.set(new URL(regionalStsEndpoint(region)).host, endpoint.url);
  }
  const overrideUrl = override ? new URL(override) : null;
  if (overrideUrl) hosts.set(overrideUrl.host, endpoint.kind === "global" ? regionalStsEndpoint(region) : endpoint.url);

  const awsEndpoint = hosts.get(request.host);
  if (!awsEndpoint) {
    throw invalidLoginRequest(
      "iamRequestHeaders",
      `The request is signed for the host ${request.host}, ` +
        `but this identity logs in through ${[...hosts.keys()].join(" or ")}`,
    );
  }
  if (request.url !== undefined) checkClientUrl(request.url, hosts);
  return { url: overrideUrl ?? new URL(awsEndpoint), endpoint: overrideUrl ? overrideUrl.origin : awsEndpoint };
}

/** iamRequestUrl is optional and ignored for routing, but one that points elsewhere is refused. */
function checkClientUrl(value: string, hosts: Map<string, string>) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidLoginRequest("iamRequestUrl", "iamRequestUrl is not a URL");
  }
  if (url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw invalidLoginRequest(
      "iamRequestUrl",
      "iamRequestUrl must not have a path or a query string: GetCallerIdentity is sent to / with a form body",
    );
  }
  if (url.username || url.password || !hosts.has(url.host)) {
    throw invalidLoginRequest(
      "iamRequestUrl",
      `iamRequestUrl points to ${url.host}, which is not this identity's STS endpoint`,
    );
  }
}
