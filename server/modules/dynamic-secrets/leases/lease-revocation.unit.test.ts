import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REVOKE_RETRY_MAX_SECONDS, REVOKE_RETRY_MIN_SECONDS, revokeRetryDelaySeconds } from "./lease-revocation.ts";

describe("revocation retry backoff", () => {
  it("starts at about 10 s, doubles, and is capped at 1 h", () => {
    expect(revokeRetryDelaySeconds(1, () => 0.5)).toBe(10);
    expect(revokeRetryDelaySeconds(2, () => 0.5)).toBe(20);
    expect(revokeRetryDelaySeconds(5, () => 0.5)).toBe(160);
    expect(revokeRetryDelaySeconds(30, () => 0.5)).toBe(3600);
    expect(revokeRetryDelaySeconds(10_000, () => 0.99)).toBe(3600);
  });

  it("always stays within [10 s, 1 h] whatever the attempt and the jitter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const delay = revokeRetryDelaySeconds(attempt, () => random);
          return delay >= REVOKE_RETRY_MIN_SECONDS && delay <= REVOKE_RETRY_MAX_SECONDS && Number.isInteger(delay);
        },
      ),
    );
  });

  it("spreads retries of leases that failed together (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => revokeRetryDelaySeconds(6, () => i / 50)));
    expect(delays.size).toBeGreaterThan(20);
  });
});
