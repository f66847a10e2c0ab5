// Test support: builds AWS Auth login bodies the way clients do, signed with
// @smithy/signature-v4 (what Infisical's Node SDK and our Node snippet use).
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

export const GET_CALLER_IDENTITY_BODY = "Action=GetCallerIdentity&Version=2011-06-15";

export interface AwsTestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SignedLoginOptions {
  identityId: string;
  credentials: AwsTestCredentials;
  region?: string;
  /** The Host to sign for (may carry a port); defaults to sts.<region>.amazonaws.com. */
  host?: string;
  signingDate?: Date;
  /** Extra headers, signed along with the rest. */
  headers?: Record<string, string>;
  body?: string;
  /** Raw text instead of base64 for the body and headers. */
  raw?: boolean;
}

export const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * SigV4 is deterministic to the second: the same key signing the same request in the same
 * second produces the same bytes, which the server (one-time signatures) refuses as a
 * replay. Tests log in many times per second of a frozen test clock, so each signing by one
 * key moves to the next second not yet used by that key (a few seconds at most).
 */
const secondsUsedByKey = new Map<string, Set<number>>();
function distinctSigningDate(accessKeyId: string, wanted: Date): Date {
  const used = secondsUsedByKey.get(accessKeyId) ?? new Set<number>();
  secondsUsedByKey.set(accessKeyId, used);
  let second = Math.floor(wanted.getTime() / 1000);
  while (used.has(second)) second++;
  used.add(second);
  return new Date(second * 1000);
}

/** The signed headers, as a client would send them in iamRequestHeaders. */
export async function signGetCallerIdentity(
  options: Omit<SignedLoginOptions, "identityId" | "raw">,
): Promise<Record<string, string>> {
  const region = options.region ?? "us-east-1";
  const host = options.host ?? `sts.${region}.amazonaws.com`;
  const [hostname, port] = host.split(":");
  const signer = new SignatureV4({ credentials: options.credentials, region, service: "sts", sha256: Sha256 });
  const request = new HttpRequest({
    method: "POST",
    protocol: "https:",
    hostname: hostname!,
    ...(port ? { port: Number(port) } : {}),
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", host, ...options.headers },
    body: options.body ?? GET_CALLER_IDENTITY_BODY,
  });
  const signingDate = distinctSigningDate(options.credentials.accessKeyId, options.signingDate ?? new Date());
  const signed = await signer.sign(request, { signingDate });
  return signed.headers as Record<string, string>;
}

/** A complete login body for POST /api/v1/auth/aws-auth/login. */
export async function signedLogin(options: SignedLoginOptions) {
  const headers = await signGetCallerIdentity(options);
  const body = options.body ?? GET_CALLER_IDENTITY_BODY;
  const encode = options.raw ? (text: string) => text : base64;
  return {
    identityId: options.identityId,
    iamHttpRequestMethod: "POST",
    iamRequestBody: encode(body),
    iamRequestHeaders: encode(JSON.stringify(headers)),
  };
}
