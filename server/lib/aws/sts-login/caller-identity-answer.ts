import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { StsAnswer } from "./forward.ts";

export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

export type StsVerdict =
  | { kind: "verified"; caller: CallerIdentity }
  /** STS refused the request (4xx); `awsCode` is its error code when one could be read. */
  | { kind: "rejected"; status: number; awsCode: string | null }
  /** STS failed (5xx). */
  | { kind: "unavailable"; status: number }
  /** Not an answer STS gives to GetCallerIdentity: refused whatever it contains. */
  | { kind: "unexpected"; reason: string };

const ROOT = "GetCallerIdentityResponse";
const AWS_ERROR_CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

// Strict and inert: no entity expansion, values kept as text (an account ID is not a number).
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
});

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function parseXml(text: string): Record<string, unknown> | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text) || XMLValidator.validate(text) !== true) return null;
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    // fast-xml-parser throws on element names such as __proto__, constructor or prototype
    // rather than risk prototype pollution. STS never sends them: the answer is not STS's.
    return null;
  }
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseDocument(answer: StsAnswer): Record<string, unknown> | null {
  const type = mediaType(answer.contentType);
  if (type === "text/xml" || type === "application/xml") return parseXml(answer.body);
  if (type === "application/json") return parseJson(answer.body);
  return null;
}

const field = (value: unknown, key: string): unknown =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;

const nonEmptyString = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

/** The error code of an STS error body (XML ErrorResponse or JSON), when there is one. */
function awsErrorCode(document: Record<string, unknown> | null): string | null {
  if (!document) return null;
  const candidates = [
    field(field(document.ErrorResponse, "Error"), "Code"),
    field(field(field(document.ErrorResponse, "Errors"), "Error"), "Code"),
    field(field(field(document.Response, "Errors"), "Error"), "Code"),
    field(document.Error, "Code"),
    document.__type,
  ];
  const code = candidates.map(nonEmptyString).find((c) => c !== null) ?? null;
  return code && AWS_ERROR_CODE.test(code) ? code : null;
}

/**
 * Reads STS's answer. Only a 200 whose document has exactly one root,
 * GetCallerIdentityResponse, with a non-empty Arn, Account (12 digits) and UserId is
 * accepted. A document that merely *contains* such an answer (an error page reflecting
 * the request, a wrapper) is refused: that is how CVE-2020-16250 forged identities.
 */
export function readCallerIdentityAnswer(answer: StsAnswer): StsVerdict {
  if (answer.status >= 500) return { kind: "unavailable", status: answer.status };
  if (answer.status >= 300 && answer.status < 400)
    return {
      kind: "unexpected",
      reason: `STS answered with a redirect (HTTP ${answer.status}), which is never followed`,
    };
  if (answer.status >= 400) {
    // Only the error code is read from a refusal, to word the message, so the body is sniffed
    // whatever its Content-Type (moto labels its XML errors text/html).
    const text = answer.body.trim();
    const document = text.startsWith("<") ? parseXml(text) : text.startsWith("{") ? parseJson(text) : null;
    return { kind: "rejected", status: answer.status, awsCode: awsErrorCode(document) };
  }
  if (answer.status !== 200) return { kind: "unexpected", reason: `STS answered HTTP ${answer.status}, not 200` };

  const type = mediaType(answer.contentType);
  if (type !== "text/xml" && type !== "application/xml" && type !== "application/json") {
    return { kind: "unexpected", reason: `STS answered with Content-Type ${type || "(none)"}, not XML or JSON` };
  }
  const document = parseDocument(answer);
  if (!document) return { kind: "unexpected", reason: "STS's answer is not a well-formed document" };
  const roots = Object.keys(document);
  if (roots.length !== 1 || roots[0] !== ROOT) {
    return { kind: "unexpected", reason: `STS's answer has the root ${roots.join(", ") || "(none)"}, not ${ROOT}` };
  }
  const result = field(document[ROOT], "GetCallerIdentityResult");
  const arn = nonEmptyString(field(result, "Arn"));
  const account = nonEmptyString(field(result, "Account"));
  const userId = nonEmptyString(field(result, "UserId"));
  if (!arn || !account || !userId)
    return { kind: "unexpected", reason: "STS's answer lacks a non-empty Arn, Account or UserId" };
  if (!/^\d{12}$/.test(account))
    return { kind: "unexpected", reason: "STS's answer has an Account that is not 12 digits" };
  return { kind: "verified", caller: { arn, account, userId } };
}
