import { STATUS_CODES } from "node:http";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { ErrorBody, Issue } from "#shared/errors.ts";
import type { AppEnv } from "../../context.ts";
import { BODY_TOO_LARGE_MESSAGE } from "./body-limit.ts";
import { AppError } from "./errors.ts";
import { RequestValidationError } from "./router.ts";

function toIssues(error: ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
    message: issue.message,
    code: issue.code,
  }));
}

export function errorBody(
  c: Context<AppEnv>,
  status: number,
  message: string,
  extra: Partial<Pick<ErrorBody, "reasonCode" | "issues" | "details">> = {},
): ErrorBody {
  return {
    statusCode: status,
    error: STATUS_CODES[status] ?? "Error",
    message,
    requestId: c.get("requestId") ?? "unknown",
    ...extra,
  };
}

/** The one place errors become responses. Unknown errors never leak their details. */
export function onError(error: Error, c: Context<AppEnv>) {
  const respond = (status: number, body: ErrorBody) => {
    if (status === 429 && body.details?.retryAfterSeconds)
      c.header("Retry-After", String(body.details.retryAfterSeconds));
    return c.json(body, status as ContentfulStatusCode);
  };
  if (error instanceof AppError) {
    return respond(error.status, errorBody(c, error.status, error.message, { reasonCode: error.code, ...error.extra }));
  }
  if (error instanceof RequestValidationError || error instanceof ZodError) {
    const zodError = error instanceof RequestValidationError ? error.zodError : error;
    const issues = toIssues(zodError);
    const first = issues[0];
    const message = first
      ? `Invalid request: ${first.path.length ? `${first.path.join(".")}: ` : ""}${first.message}`
      : "Invalid request";
    return respond(400, errorBody(c, 400, message, { reasonCode: "invalid_request", issues }));
  }
  if (error instanceof HTTPException && error.status < 500) {
    const message = error.status === 413 ? BODY_TOO_LARGE_MESSAGE : error.message || "Invalid request";
    return respond(error.status, errorBody(c, error.status, message, { reasonCode: "invalid_request" }));
  }
  c.get("logger")?.error({ err: error }, "unhandled error");
  return respond(500, errorBody(c, 500, "Something went wrong on our side. Quote the request ID when reporting it."));
}
