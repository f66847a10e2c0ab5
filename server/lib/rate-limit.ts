import type { Clock } from "../context.ts";

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter per key, in memory. Limits are per instance: with N
 * instances an attacker gets at most N times the budget, which still bounds guessing.
 */
export function createRateLimiter(options: { max: number; windowSeconds: number; clock: Clock; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = options.windowSeconds * 1000;
  const maxKeys = options.maxKeys ?? 100_000;

  function sweep(now: number) {
    for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
  }

  function current(key: string, now: number) {
    const w = windows.get(key);
    return w && now - w.start < windowMs ? w : null;
  }

  return {
    /** Whether the key is already over its budget, without counting this call. */
    peek(key: string): RateLimitResult {
      const now = options.clock.now().getTime();
      const w = current(key, now);
      const allowed = !w || w.count < options.max;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((w!.start + windowMs - now) / 1000) };
    },
    hit(key: string): RateLimitResult {
      const now = options.clock.now().getTime();
      if (windows.size >= maxKeys) sweep(now);
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      const allowed = w.count <= options.max;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((w.start + windowMs - now) / 1000) };
    },
    reset(key: string) {
      windows.delete(key);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
