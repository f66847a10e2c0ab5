import type { Issue } from "#shared/errors.ts";

/**
 * The one error type services throw. `code` is stable and machine-readable; it is
 * sent as `reasonCode`. The message is for people and must never carry secrets.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: Issue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, message: string, issues?: Issue[]) =>
  new AppError(400, code, message, issues ? { issues } : {});

/** A single-field 400, shaped like a zod issue so forms can show it beside the field. */
export const fieldError = (path: (string | number)[], message: string, code = "invalid_field") =>
  new AppError(400, code, message, { issues: [{ path, message, code }] });

export const unauthorized = (message = "Sign in to continue", code = "unauthenticated") =>
  new AppError(401, code, message);

export const forbidden = (message = "You do not have permission to do that", code = "forbidden") =>
  new AppError(403, code, message);

/** Used for missing rows and for rows in another organisation alike, so tenants cannot be probed. */
export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found`);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details ? { details } : {});
