import type { ErrorBody, Issue } from "#shared/errors.ts";
import { isRecord } from "./checks.ts";

/** Status 0 marks a call that never got an HTTP answer (offline, DNS, refused connection, timeout). */
export const NETWORK_ERROR_STATUS = 0;

/**
 * The one error every failed call raises, built from the API's shared error body, so a
 * dashboard, a script or the CLI can show the server's message and the request ID to quote,
 * and branch on `statusCode` and the stable `reasonCode`.
 */
export class LeaseholdError extends Error {
  readonly statusCode: number;
  /** The HTTP reason phrase class ("Bad Request", "Unauthorized", …). */
  readonly error: string;
  readonly requestId: string;
  readonly reasonCode: string | undefined;
  /** Field-level problems of a 400, one per zod issue. */
  readonly issues: Issue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(body: ErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.name = "LeaseholdError";
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.requestId = body.requestId;
    this.reasonCode = body.reasonCode;
    this.issues = body.issues ?? [];
    this.details = body.details;
  }

  /** The error body again, e.g. for `--json` output; it never holds a secret. */
  toJSON(): ErrorBody {
    return {
      statusCode: this.statusCode,
      error: this.error,
      message: this.message,
      requestId: this.requestId,
      ...(this.reasonCode ? { reasonCode: this.reasonCode } : {}),
      ...(this.issues.length ? { issues: this.issues } : {}),
    };
  }
}

export function isLeaseholdError(value: unknown): value is LeaseholdError {
  return value instanceof LeaseholdError;
}

const isIssue = (value: unknown): value is Issue =>
  isRecord(value) &&
  Array.isArray(value.path) &&
  value.path.every((part) => typeof part === "string" || typeof part === "number") &&
  typeof value.message === "string" &&
  (value.code === undefined || typeof value.code === "string");

/**
 * The shared error body (errorBodySchema in shared/errors.ts), checked by hand: every failed call reads it, the
 * dashboard's sign-in page included, and zod stays out of that page's download. errors.unit.test.ts holds it to
 * errorBodySchema: it takes and gives back exactly what the schema does.
 */
export function parseErrorBody(payload: unknown): ErrorBody | undefined {
  if (
    !isRecord(payload) ||
    !Number.isSafeInteger(payload.statusCode) ||
    typeof payload.error !== "string" ||
    typeof payload.message !== "string" ||
    typeof payload.requestId !== "string" ||
    (payload.reasonCode !== undefined && typeof payload.reasonCode !== "string") ||
    (payload.issues !== undefined && !(Array.isArray(payload.issues) && payload.issues.every(isIssue))) ||
    (payload.details !== undefined && !isRecord(payload.details))
  ) {
    return undefined;
  }
  const { statusCode, error, message, requestId, reasonCode, issues, details } = payload;
  return {
    statusCode: statusCode as number,
    error,
    message,
    requestId,
    ...("reasonCode" in payload ? { reasonCode } : {}),
    ...(!("issues" in payload)
      ? {}
      : {
          // As zod's object does: a key that is there keeps its place, even when it holds undefined.
          issues: (issues as Issue[] | undefined)?.map((issue) => ({
            path: issue.path,
            message: issue.message,
            ...("code" in issue ? { code: issue.code } : {}),
          })),
        }),
    // A copy, as zod's record makes: a body built without a prototype comes back as a plain object.
    ...(!("details" in payload)
      ? {}
      : { details: details === undefined ? undefined : { ...(details as Record<string, unknown>) } }),
  };
}

/** A proxy or a crash can answer with HTML or nothing: still produce a useful error. */
export function errorFromResponse(response: Response, payload: unknown): LeaseholdError {
  const body = parseErrorBody(payload);
  if (body) return new LeaseholdError(body);
  return new LeaseholdError({
    statusCode: response.status,
    error: response.statusText || "Error",
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    requestId: response.headers.get("x-request-id") ?? "",
    reasonCode: "unexpected_response",
  });
}
