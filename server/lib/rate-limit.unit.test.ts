import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.ts";

describe("createRateLimiter", () => {
  it("allows max hits per window, then reports when to retry", () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 2, windowSeconds: 60, clock: { now: () => new Date(now) } });
    expect(limiter.hit("k").allowed).toBe(true);
    expect(limiter.hit("k").allowed).toBe(true);
    const third = limiter.hit("k");
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.hit("other").allowed).toBe(true);
    now += 60_000;
    expect(limiter.hit("k").allowed).toBe(true);
  });
});
