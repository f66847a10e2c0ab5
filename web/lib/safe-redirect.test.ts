import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "#web/lib/safe-redirect.ts";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths with their query string", () => {
    expect(safeRedirectPath("/projects/123?env=prod")).toBe("/projects/123?env=prod");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", undefined, 42])(
    "falls back for %s",
    (value) => {
      expect(safeRedirectPath(value)).toBe("/projects");
    },
  );

  it("never sends a signed-in person back to an auth page", () => {
    expect(safeRedirectPath("/login?redirect=/x")).toBe("/projects");
    expect(safeRedirectPath("/setup")).toBe("/projects");
  });
});
