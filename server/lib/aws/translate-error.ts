import { AppError } from "../http/errors.ts";

type FieldPath = (string | number)[];

/** What went wrong, in the terms a person fixes it in. */
export type AwsErrorKind =
  | "no-credentials"
  | "invalid-credentials"
  | "signature-mismatch"
  | "expired-credentials"
  | "clock-skew"
  | "access-denied"
  | "region"
  | "not-found"
  | "conflict"
  | "limit-exceeded"
  | "invalid-input"
  | "throttled"
  | "timeout"
  | "unavailable"
  | "unknown";

/** What the caller knows about the call that failed; every field is optional but `action`. */
export interface AwsCallContext {
  /** The IAM action, e.g. "sts:AssumeRole" or "iam:CreateUser"; named in permission advice. */
  action: string;
  /**
   * Whose credentials signed the call, in words,
   * e.g. "Leasehold's AWS principal (arn:aws:iam::…:user/leasehold)".
   */
  caller?: string;
  /** What the call acted on: a role ARN, a user name … */
  resource?: string;
  /** The External ID sent on AssumeRole. */
  externalId?: string;
  /** The endpoint the call went to, named when it cannot be reached. */
  endpoint?: string;
  /** The access key ID that signed (never the secret), named when AWS does not know it. */
  accessKeyId?: string;
  /** The form field to blame for each kind, so a UI can show the message beside it. */
  fields?: Partial<Record<AwsErrorKind, FieldPath>>;
  /** A sentence appended for a kind, e.g. where the server's credentials come from. */
  hints?: Partial<Record<AwsErrorKind, string>>;
}

interface AwsErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const CODES: Record<string, AwsErrorKind> = {
  CredentialsProviderError: "no-credentials",
  InvalidClientTokenId: "invalid-credentials",
  UnrecognizedClientException: "invalid-credentials",
  InvalidAccessKeyId: "invalid-credentials",
  SignatureDoesNotMatch: "signature-mismatch",
  IncompleteSignature: "signature-mismatch",
  ExpiredToken: "expired-credentials",
  ExpiredTokenException: "expired-credentials",
  InvalidToken: "expired-credentials",
  RequestExpired: "clock-skew",
  AccessDenied: "access-denied",
  AccessDeniedException: "access-denied",
  UnauthorizedOperation: "access-denied",
  UnauthorizedAccess: "access-denied",
  NotAuthorized: "access-denied",
  RegionDisabledException: "region",
  InvalidEndpointException: "region",
  NoSuchEntity: "not-found",
  NoSuchEntityException: "not-found",
  ResourceNotFoundException: "not-found",
  EntityAlreadyExists: "conflict",
  EntityAlreadyExistsException: "conflict",
  DeleteConflict: "conflict",
  DeleteConflictException: "conflict",
  ConcurrentModification: "conflict",
  ConcurrentModificationException: "conflict",
  LimitExceeded: "limit-exceeded",
  LimitExceededException: "limit-exceeded",
  ValidationError: "invalid-input",
  ValidationException: "invalid-input",
  MalformedPolicyDocument: "invalid-input",
  MalformedPolicyDocumentException: "invalid-input",
  InvalidInput: "invalid-input",
  InvalidInputException: "invalid-input",
  InvalidParameterValue: "invalid-input",
  PackedPolicyTooLarge: "invalid-input",
  PackedPolicyTooLargeException: "invalid-input",
  Throttling: "throttled",
  ThrottlingException: "throttled",
  TooManyRequestsException: "throttled",
  RequestLimitExceeded: "throttled",
  SlowDown: "throttled",
  TimeoutError: "timeout",
  RequestTimeout: "timeout",
  RequestTimeoutException: "timeout",
  ServiceUnavailable: "unavailable",
  ServiceFailure: "unavailable",
  InternalFailure: "unavailable",
  InternalError: "unavailable",
};

const NETWORK_CODES: Record<string, AwsErrorKind> = {
  ECONNREFUSED: "unavailable",
  ECONNRESET: "unavailable",
  ENOTFOUND: "unavailable",
  EAI_AGAIN: "unavailable",
  EHOSTUNREACH: "unavailable",
  ENETUNREACH: "unavailable",
  EPIPE: "unavailable",
  ETIMEDOUT: "timeout",
};

const STATUS: Record<AwsErrorKind, number> = {
  "no-credentials": 400,
  "invalid-credentials": 400,
  "signature-mismatch": 400,
  "expired-credentials": 400,
  "clock-skew": 400,
  "access-denied": 400,
  region: 400,
  "not-found": 404,
  conflict: 409,
  "limit-exceeded": 409,
  "invalid-input": 400,
  throttled: 503,
  timeout: 504,
  unavailable: 502,
  unknown: 502,
};

const RETRYABLE = new Set<AwsErrorKind>(["throttled", "timeout", "unavailable"]);

/** The AWS error code of an SDK error, or the Node network error code under it. */
export function awsErrorCode(error: unknown): string {
  const e = (error ?? {}) as AwsErrorShape;
  return e.Code ?? (e.name && e.name !== "Error" ? e.name : undefined) ?? e.code ?? "UnknownError";
}

/** Classifies an AWS SDK (or network) error. Exported for callers that branch on the kind, e.g. to retry. */
export function classifyAwsError(error: unknown): AwsErrorKind {
  const e = (error ?? {}) as AwsErrorShape;
  const code = awsErrorCode(error);
  const message = e.message ?? "";
  // AWS signs requests per region: a key used against the wrong region's endpoint fails as a signature error.
  if (/scoped to a valid region|should be scoped to correct service|not activated in this region/i.test(message))
    return "region";
  if (/signature expired|request has expired|time-stamp/i.test(message)) return "clock-skew";
  // The SDK names a reset connection "TimeoutError" too; the Node error code under it says what happened.
  const network = e.code ? NETWORK_CODES[e.code] : undefined;
  if (network) return network;
  const known = CODES[code];
  if (known) return known;
  if (/socket hang up|ECONNRESET|ECONNREFUSED|ENOTFOUND|getaddrinfo/i.test(message)) return "unavailable";
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === "server" || (status !== undefined && status >= 500)) return "unavailable";
  return "unknown";
}

const sentence = (s: string) => (s.endsWith(".") ? s : `${s}.`);
const awsText = (message: string | undefined) => (message ?? "").replace(/\s+/g, " ").trim().slice(0, 300);

function messageFor(kind: AwsErrorKind, code: string, ctx: AwsCallContext, awsMessage: string): string {
  const who = ctx.caller ?? "Leasehold's AWS credentials";
  const on = ctx.resource ? ` on ${ctx.resource}` : "";
  const key = ctx.accessKeyId ? ` ${ctx.accessKeyId}` : "";
  const at = ctx.endpoint ? ` at ${ctx.endpoint}` : "";
  const checkReach = "Check that this server can reach the endpoint, then try again.";
  switch (kind) {
    case "no-credentials":
      return `No AWS credentials were found for ${who}, so Leasehold cannot call ${ctx.action}.`;
    case "invalid-credentials":
      return (
        `AWS does not recognise the access key${key} (${code}): ` +
        "the key ID is wrong, or the key was deleted or deactivated in IAM."
      );
    case "signature-mismatch":
      return (
        `AWS refused the request signature (${code}): the secret access key does not belong to the access key${key}. ` +
        "Check that the secret was copied whole, without spaces."
      );
    case "expired-credentials":
      return `${who} have expired (${code}): temporary credentials must be refreshed or replaced.`;
    case "clock-skew":
      return (
        `AWS refused the request as expired (${code}): this server's clock is more than 5 minutes off. ` +
        "Synchronise it with NTP."
      );
    case "access-denied":
      if (ctx.action === "sts:AssumeRole") {
        return [
          `AWS refused to let ${who} assume ${ctx.resource ?? "the role"} (${code}).`,
          ctx.externalId ? `Leasehold sent the External ID "${ctx.externalId}".` : "",
          "The usual causes:",
          "(1) the role's trust policy does not name this principal (or its account) " +
            "as allowed to call sts:AssumeRole;",
          ctx.externalId
            ? `(2) the trust policy's sts:ExternalId condition is not "${ctx.externalId}";`
            : "(2) the trust policy requires an External ID;",
          `(3) the principal's own IAM policy does not allow sts:AssumeRole on this role, or the role does not exist.`,
        ]
          .filter(Boolean)
          .join(" ");
      }
      return (
        `${who} is not allowed to call ${ctx.action}${on} (${code}). Add ${ctx.action} to its IAM policy, ` +
        "and check any permissions boundary or service control policy."
      );
    case "region":
      return (
        `The AWS region or endpoint does not fit this call (${code})${at}: ` +
        `${awsText(awsMessage) || "choose an endpoint in a region enabled for your account"}. ` +
        "Regional STS endpoints of opt-in regions work only once the region is enabled."
      );
    case "not-found":
      return `${ctx.resource ?? "The resource"} does not exist in AWS (${code}).`;
    case "conflict":
      return `AWS refused ${ctx.action}${on} because of the resource's current state (${code}): ${awsText(awsMessage)}`;
    case "limit-exceeded":
      return `An AWS limit was reached on ${ctx.action}${on} (${code}): ${awsText(awsMessage)}`;
    case "invalid-input":
      return `AWS refused the input of ${ctx.action}${on} (${code}): ${awsText(awsMessage)}`;
    case "throttled":
      return `AWS is throttling ${ctx.action} (${code}) and the retries ran out. Try again in a minute.`;
    case "timeout":
      return `AWS did not answer ${ctx.action} in time${at}. ${checkReach}`;
    case "unavailable":
      return `AWS could not be reached for ${ctx.action}${at} (${code}). ${checkReach}`;
    case "unknown":
      return `AWS refused ${ctx.action}${on} (${code})${awsMessage ? `: ${awsText(awsMessage)}` : "."}`;
  }
}

/**
 * Turns an AWS SDK error (or a network error under it) into an AppError whose message
 * says what to fix, with the form field to blame when the caller named one. The status
 * is a 4xx when the fix is on the person's side (keys, trust policy, permissions, input)
 * and a 5xx when AWS could not be reached; `details.retryable` tells jobs whether to retry.
 */
export function translateAwsError(error: unknown, ctx: AwsCallContext): AppError {
  if (error instanceof AppError) return error;
  const kind = classifyAwsError(error);
  const code = awsErrorCode(error);
  const e = (error ?? {}) as AwsErrorShape;
  const hint = ctx.hints?.[kind];
  const message = sentence(messageFor(kind, code, ctx, e.message ?? "")) + (hint ? ` ${sentence(hint)}` : "");
  const field = ctx.fields?.[kind];
  const reasonCode = `aws_${kind.replace(/-/g, "_")}`;
  // An AWS refusal we do not know yet is still the caller's to fix when AWS answered 4xx.
  const httpStatus = e.$metadata?.httpStatusCode;
  const status = kind === "unknown" && httpStatus !== undefined && httpStatus < 500 ? 400 : STATUS[kind];
  return new AppError(status, reasonCode, message, {
    ...(field ? { issues: [{ path: field, message, code: reasonCode }] } : {}),
    details: {
      awsErrorCode: code,
      action: ctx.action,
      retryable: RETRYABLE.has(kind),
      ...(field ? { field: field.join(".") } : {}),
      ...(e.$metadata?.requestId ? { awsRequestId: e.$metadata.requestId } : {}),
    },
  });
}
