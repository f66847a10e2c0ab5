import { type ErrorBody, errorBodySchema, type Issue } from "#shared/errors.ts";

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

/** A proxy or a crash can answer with HTML or nothing: still produce a useful error. */
export function errorFromResponse(response: Response, payload: unknown): LeaseholdError {
  const parsed = errorBodySchema.safeParse(payload);
  if (parsed.success) return new LeaseholdError(parsed.data);
  return new LeaseholdError({
    statusCode: response.status,
    error: response.statusText || "Error",
    message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
    requestId: response.headers.get("x-request-id") ?? "",
    reasonCode: "unexpected_response",
  });
}
