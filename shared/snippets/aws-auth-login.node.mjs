// Log in to Leasehold with AWS Auth from Node.js: a Lambda function, an EC2 instance,
// an ECS task, or anything else with AWS credentials (AWS SDK v3).
//   npm install @aws-sdk/credential-providers @smithy/signature-v4 @smithy/protocol-http @aws-crypto/sha256-js
import { Sha256 } from "@aws-crypto/sha256-js";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

const LEASEHOLD_URL = "{{serverUrl}}";
const IDENTITY_ID = "{{identityId}}";

/**
 * Signs an STS GetCallerIdentity request with this machine's own AWS credentials and
 * trades it for a Leasehold access token. The credentials never leave the machine: only
 * the signature does, and Leasehold asks AWS who made it.
 */
export async function loginToLeasehold() {
  // leasehold:any-region:begin
  // The identity uses the global STS endpoint: sign for the region this code runs in.
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const host = `sts.${region}.amazonaws.com`;
  // leasehold:any-region:end
  // leasehold:fixed-endpoint:begin
  // The identity only accepts requests signed for its own STS endpoint.
  const region = "{{stsRegion}}";
  const host = "{{stsHost}}";
  // leasehold:fixed-endpoint:end
  const body = "Action=GetCallerIdentity&Version=2011-06-15";
  const headers = { host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
  // leasehold:server-id:begin
  // This identity only accepts requests signed for this Leasehold server.
  headers["x-leasehold-server-id"] = "{{serverId}}";
  // leasehold:server-id:end

  const signer = new SignatureV4({ credentials: fromNodeProviderChain(), region, service: "sts", sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method: "POST", protocol: "https:", hostname: host, path: "/", headers, body }),
  );

  const response = await fetch(`${LEASEHOLD_URL}/api/v1/auth/aws-auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      identityId: IDENTITY_ID,
      iamHttpRequestMethod: "POST",
      iamRequestBody: Buffer.from(body).toString("base64"),
      iamRequestHeaders: Buffer.from(JSON.stringify(signed.headers)).toString("base64"),
    }),
  });
  const result = await response.json();
  if (!response.ok)
    throw new Error(`Leasehold login failed (${response.status} ${result.reasonCode ?? ""}): ${result.message}`);
  return result; // { accessToken, expiresIn, accessTokenMaxTTL, tokenType: "Bearer" }
}

// In a Lambda, log in outside the handler and reuse the token until it expires.
const { accessToken, expiresIn } = await loginToLeasehold();
const me = await fetch(`${LEASEHOLD_URL}/api/v1/identities/${IDENTITY_ID}`, {
  headers: { authorization: `Bearer ${accessToken}` },
});
const { identity } = await me.json();
console.log(`Logged in to Leasehold as ${identity.name}; the token expires in ${expiresIn} s`);
