// Test support for the unit tests here: runs a check that must refuse, and returns its AppError.
import type { AppError } from "../../http/errors.ts";

export function refusalOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
}
