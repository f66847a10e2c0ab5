import { isNotFound } from "@tanstack/react-router";
import { describe, expect, it } from "vitest";
import { LeaseholdError } from "#client/core/errors.ts";
import { rethrowNotFound } from "#web/lib/not-found.ts";

describe("rethrowNotFound", () => {
  it("turns the API's 404 into the router's not-found, keeping the API's words", () => {
    const leaseholdError = new LeaseholdError({
      statusCode: 404,
      error: "Not Found",
      message: "Project not found",
      requestId: "r1",
    });
    let thrown: unknown;
    try {
      rethrowNotFound(leaseholdError);
    } catch (error) {
      thrown = error;
    }
    expect(isNotFound(thrown)).toBe(true);
    expect((thrown as { data?: unknown }).data).toEqual({ message: "Project not found" });
  });

  it("lets every other error through unchanged", () => {
    const forbidden = new LeaseholdError({
      statusCode: 403,
      error: "Forbidden",
      message: "No access",
      requestId: "r2",
    });
    expect(() => rethrowNotFound(forbidden)).toThrow(forbidden);
    const network = new TypeError("Failed to fetch");
    expect(() => rethrowNotFound(network)).toThrow(network);
  });
});
