import { createHash } from "node:crypto";
import { AppError } from "../../http/errors.ts";

/**
 * The signed STS GetCallerIdentity request a client sends to log in, decoded and checked
 * before anything leaves the server. Every rule here is a refusal *before* the network:
 * the request must be a plain GetCallerIdentity, carry only allowlisted headers, and be
 * SigV4-signed for STS. (Vault's CVE-2020-16250 came from forwarding whatever the client
 * sent, headers and URL included.)
 */
export interface SignedStsRequest {
  /** Exactly the signed body: "Action=GetCallerIdentity&Version=2011-06-15" (either order). */
  body: string;
  /** Allowlisted headers, lower-cased names, values as signed. */
  headers: Map<string, string>;
  host: string;
  credential: { accessKeyId: string; date: string; region: string; service: string };
  signedHeaders: string[];
  /** The SigV4 signature (64 hex digits): what makes a signed request one-time. */
  signature: string;
  signedAt: Date;
  /** Where the client said it meant to send the request; checked, never used for routing. */
  url: string | undefined;
}

export interface LoginRequestFields {
  iamHttpRequestMethod: string;
  iamRequestBody: string;
  iamRequestHeaders: string;
  iamRequestUrl?: string | undefined;
}

/**
 * The only headers forwarded to STS: SigV4's own, Content-Type, Host and the server-ID
 * header. Content-Length is recomputed by us; Accept is set by us.
 */
const FORWARDED_HEADERS = new Set([
  "host",
  "content-type",
  "content-length",
  "authorization",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "x-leasehold-server-id",
]);

const BODY_PAIRS = ["Action=GetCallerIdentity", "Version=2011-06-15"];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;
// SigV4 header values are printable ASCII; anything else (CR, LF, NUL, UTF-8) is an injection attempt.
const HEADER_VALUE = /^[\x20-\x7e]{0,8192}$/;
const HOST = /^[a-z0-9.-]{1,253}(?::\d{1,5})?$/;
const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded(?:\s*;\s*charset=utf-8)?$/i;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// The Authorization header in three parts: credential scope (key ID, date, region, service), signed headers, signature.
const CREDENTIAL = /Credential=([A-Za-z0-9]{3,128})\/(\d{8})\/([a-z0-9-]{1,32})\/([a-z0-9-]{1,32})\/aws4_request/;
const SIGNED_HEADERS = /SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*)/;
const SIGNATURE = /Signature=([0-9a-f]{64})/;
const AUTHORIZATION = new RegExp(
  `^AWS4-HMAC-SHA256 ${CREDENTIAL.source},\\s?${SIGNED_HEADERS.source},\\s?${SIGNATURE.source}$`,
);

export const invalidLoginRequest = (field: keyof LoginRequestFields, message: string) =>
  new AppError(400, "invalid_request", message, { issues: [{ path: [field], message, code: "invalid_request" }] });

const signatureMissing = (message: string) => new AppError(401, "signature_missing", message);

/** Base64 as Infisical's SDKs send it, or the raw text (as the seed's SDK page shows). */
function decodeField(field: keyof LoginRequestFields, value: string, looksRaw: (text: string) => boolean): string {
  const text = value.trim();
  if (looksRaw(text)) return text;
  if (!BASE64.test(text)) throw invalidLoginRequest(field, `${field} is neither base64 nor the raw value`);
  const decoded = Buffer.from(text, "base64").toString("utf8");
  // A round trip catches bytes that are not UTF-8, which would otherwise be silently replaced.
  if (Buffer.from(decoded, "utf8").toString("base64") !== text)
    throw invalidLoginRequest(field, `${field} does not decode to UTF-8 text`);
  return decoded;
}

function parseBody(raw: string): string {
  const body = decodeField("iamRequestBody", raw, (t) => /^(Action|Version)=/.test(t));
  const pairs = body.split("&");
  const exact = pairs.length === BODY_PAIRS.length && BODY_PAIRS.every((pair) => pairs.includes(pair));
  if (!exact) {
    throw invalidLoginRequest(
      "iamRequestBody",
      "The signed body must be exactly Action=GetCallerIdentity&Version=2011-06-15, with no other parameters",
    );
  }
  return body;
}

function parseHeaders(raw: string): Map<string, string> {
  const json = decodeField("iamRequestHeaders", raw, (t) => t.startsWith("{"));
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalidLoginRequest("iamRequestHeaders", "iamRequestHeaders must be a JSON object of the signed headers");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidLoginRequest("iamRequestHeaders", "iamRequestHeaders must be a JSON object of the signed headers");
  }
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed)) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name))
      throw invalidLoginRequest("iamRequestHeaders", `"${name.slice(0, 64)}" is not a valid header name`);
    if (!FORWARDED_HEADERS.has(lower)) {
      throw invalidLoginRequest(
        "iamRequestHeaders",
        `The header ${name} is not allowed: only Host, Content-Type, Content-Length, Authorization, X-Amz-Date, ` +
          "X-Amz-Security-Token, X-Amz-Content-Sha256 and X-Leasehold-Server-ID are forwarded to AWS",
      );
    }
    if (headers.has(lower)) throw invalidLoginRequest("iamRequestHeaders", `The header ${name} appears more than once`);
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
      throw invalidLoginRequest("iamRequestHeaders", `The value of ${name} must be a string of printable ASCII`);
    }
    headers.set(lower, value);
  }
  return headers;
}

function parseAmzDate(value: string): Date | null {
  const m = AMZ_DATE.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return date.toISOString().replace(/[-:]|\.\d{3}/g, "") === value ? date : null;
}

function checkBodyHeaders(headers: Map<string, string>, body: string) {
  const contentType = headers.get("content-type");
  if (!contentType || !FORM_CONTENT_TYPE.test(contentType)) {
    throw invalidLoginRequest(
      "iamRequestHeaders",
      "Content-Type must be application/x-www-form-urlencoded (optionally with charset=utf-8)",
    );
  }
  const length = headers.get("content-length");
  if (length !== undefined && length !== String(Buffer.byteLength(body))) {
    throw invalidLoginRequest("iamRequestHeaders", "Content-Length does not match the body");
  }
  const sha = headers.get("x-amz-content-sha256");
  if (sha !== undefined && sha !== createHash("sha256").update(body).digest("hex")) {
    throw invalidLoginRequest("iamRequestHeaders", "X-Amz-Content-Sha256 does not match the body");
  }
}

/** Decodes and checks the login's signed request; throws a 400 (or 401 when unsigned) AppError. */
export function parseSignedStsRequest(fields: LoginRequestFields): SignedStsRequest {
  if (fields.iamHttpRequestMethod.trim().toUpperCase() !== "POST") {
    throw invalidLoginRequest("iamHttpRequestMethod", "iamHttpRequestMethod must be POST");
  }
  const body = parseBody(fields.iamRequestBody);
  const headers = parseHeaders(fields.iamRequestHeaders);
  checkBodyHeaders(headers, body);

  const host = headers.get("host")?.toLowerCase();
  if (!host) throw invalidLoginRequest("iamRequestHeaders", "The signed headers must include Host");
  if (!HOST.test(host)) throw invalidLoginRequest("iamRequestHeaders", "The Host header is not a host name");

  const authorization = headers.get("authorization");
  const amzDate = headers.get("x-amz-date");
  if (!authorization) throw signatureMissing("The request is not signed: the Authorization header is missing");
  if (!amzDate) throw signatureMissing("The request is not signed: the X-Amz-Date header is missing");
  const auth = AUTHORIZATION.exec(authorization);
  if (!auth)
    throw invalidLoginRequest(
      "iamRequestHeaders",
      "The Authorization header is not an AWS Signature Version 4 (AWS4-HMAC-SHA256) header",
    );
  const [, accessKeyId, date, region, service, signedList, signature] = auth as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (service !== "sts")
    throw invalidLoginRequest("iamRequestHeaders", `The request is signed for the service "${service}", not sts`);

  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw invalidLoginRequest("iamRequestHeaders", "X-Amz-Date must look like 20260101T120000Z");
  if (amzDate.slice(0, 8) !== date)
    throw invalidLoginRequest("iamRequestHeaders", "The credential scope's date does not match X-Amz-Date");

  const signedHeaders = signedList.split(";");
  for (const required of ["host", "x-amz-date"]) {
    if (!signedHeaders.includes(required))
      throw invalidLoginRequest("iamRequestHeaders", `The signature must cover the ${required} header`);
  }
  for (const name of signedHeaders) {
    // Content-Length may be signed without being sent (Go's signer does that); we always send the real one.
    if (!headers.has(name) && name !== "content-length") {
      throw invalidLoginRequest("iamRequestHeaders", `The signature covers ${name}, but that header was not sent`);
    }
  }
  return {
    body,
    headers,
    host,
    credential: { accessKeyId, date, region, service },
    signedHeaders,
    signature,
    signedAt,
    url: fields.iamRequestUrl,
  };
}
