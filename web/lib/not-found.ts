import { notFound } from "@tanstack/react-router";
import { isLeaseholdError } from "#client/core/errors.ts";

export interface NotFoundData {
  /** The API's words, e.g. "Project not found". */
  message: string;
}

/**
 * For a loader's `.catch`: a 404 from the API becomes the router's notFound, which renders the not-found page
 * without going through an error boundary (React logs every error a boundary catches to the console).
 */
export function rethrowNotFound(error: unknown): never {
  if (isLeaseholdError(error) && error.statusCode === 404) {
    throw notFound({ data: { message: error.message } satisfies NotFoundData });
  }
  throw error;
}
