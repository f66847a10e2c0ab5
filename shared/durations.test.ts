import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDurationForApi, formatDurationForDisplay, parseDuration } from "./durations.ts";

describe("durations", () => {
  it.each([
    ["30s", 30],
    ["15m", 900],
    ["1h", 3600],
    ["7d", 604800],
    ["2w", 1209600],
    ["45", 45],
    [" 1H ", 3600],
    [120, 120],
  ] as const)("parses %s", (input, seconds) => expect(parseDuration(input)).toBe(seconds));

  it.each(["", "1.5h", "-1h", "1y", "h", "1h30m", -5, 1.5])("refuses %s", (input) =>
    expect(parseDuration(input)).toBeNull(),
  );

  it("formats what it parses", () => {
    expect(formatDurationForDisplay(5400)).toBe("1h 30m");
    expect(formatDurationForDisplay(0)).toBe("0s");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (n) => {
        const total = formatDurationForDisplay(n)
          .split(" ")
          .reduce((sum, part) => sum + parseDuration(part)!, 0);
        expect(total).toBe(n);
      }),
    );
  });

  it("formats for the API in the largest exact unit, which parses back", () => {
    expect([5400, 3600, 604800, 90, 0].map(formatDurationForApi)).toEqual(["90m", "1h", "7d", "90s", "0s"]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 315_360_000 }), (n) => {
        expect(parseDuration(formatDurationForApi(n))).toBe(n);
      }),
    );
  });
});
