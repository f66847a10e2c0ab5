// Node only: signs STS GetCallerIdentity with the machine's own AWS credentials, for
// LeaseholdClient.login({ aws }). Only the signature leaves the machine; Leasehold asks AWS who made it.
import { Sha256 } from "@aws-crypto/sha256-js";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { type AwsAuthLoginInput, SERVER_ID_HEADER } from "#shared/schemas/aws-auth.ts";
import { parseStsEndpoint } from "#shared/sts-endpoint.ts";
import type { AwsLoginOptions } from "../core/leasehold-client.ts";

const GET_CALLER_IDENTITY_BODY = "Action=GetCallerIdentity&Version=2011-06-15";

export interface SignOptions extends Omit<AwsLoginOptions, "serverId"> {
  serverId: string;
  /** The AWS SDK default chain (env, shared config, web identity, ECS/EKS, EC2 metadata) when absent. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  signingDate?: Date;
}

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

// X-Amz-Date has one-second resolution, and nothing else in a GetCallerIdentity request may vary,
// so two logins signed by the same credentials within one second carry the same signature, which a
// server that accepts each signature once refuses. Each login here gets a second of its own.
let lastSigningSecond = 0;
async function freshSigningDate(): Promise<Date> {
  let second = Math.floor(Date.now() / 1000);
  if (second <= lastSigningSecond) {
    second = lastSigningSecond + 1;
    await new Promise((resolve) => setTimeout(resolve, second * 1000 - Date.now()));
  }
  lastSigningSecond = second;
  return new Date(second * 1000);
}

/** Where to sign for: a given STS endpoint fixes host and region; otherwise the region's own endpoint. */
function signingTarget(options: { region?: string | undefined; stsEndpoint?: string | undefined }) {
  if (options.stsEndpoint) {
    const parsed = parseStsEndpoint(options.stsEndpoint);
    if (!parsed.ok) throw new TypeError(`The STS endpoint ${options.stsEndpoint} is not usable: ${parsed.reason}`);
    const host = new URL(parsed.endpoint.url).host;
    if (parsed.endpoint.kind !== "global") return { host, region: parsed.endpoint.region };
    return { host, region: "us-east-1" };
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  return { host: `sts.${region}.amazonaws.com`, region };
}

/**
 * A fresh login body each call: a server that refuses replayed signatures (one use per
 * signature) accepts it, and X-Amz-Date is now (or at most a second ahead), inside the 15-minute window.
 */
export async function signAwsLogin(options: SignOptions): Promise<AwsAuthLoginInput> {
  const { host, region } = signingTarget(options);
  const headers: Record<string, string> = {
    host,
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    // Always signed when known: harmless for identities that do not require it.
    [SERVER_ID_HEADER.toLowerCase()]: options.serverId,
  };
  const signer = new SignatureV4({
    credentials: options.credentials ?? fromNodeProviderChain(),
    region,
    service: "sts",
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: "https:",
      hostname: host,
      path: "/",
      headers,
      body: GET_CALLER_IDENTITY_BODY,
    }),
    { signingDate: options.signingDate ?? (await freshSigningDate()) },
  );
  return {
    identityId: options.identityId,
    iamHttpRequestMethod: "POST",
    iamRequestBody: base64(GET_CALLER_IDENTITY_BODY),
    iamRequestHeaders: base64(JSON.stringify(signed.headers)),
  };
}
