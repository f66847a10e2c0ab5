// Human durations used by dynamic secrets and leases ("30s", "15m", "1h", "7d";
// a bare number means seconds) and by the dashboard's TTL inputs.

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as const;
const DURATION_RE = /^\s*(\d{1,12})\s*([smhdw]?)\s*$/i;

/** Parses a duration into whole seconds, or returns null when it is not one. */
export function parseDuration(input: string | number): number | null {
  if (typeof input === "number") return Number.isSafeInteger(input) && input >= 0 ? input : null;
  const match = DURATION_RE.exec(input);
  if (!match) return null;
  const value = Number(match[1]);
  const unit = (match[2] || "s").toLowerCase() as keyof typeof UNIT_SECONDS;
  const seconds = value * UNIT_SECONDS[unit];
  return Number.isSafeInteger(seconds) ? seconds : null;
}

/**
 * Seconds as the compact string the API answers with (Infisical's form, which parseDuration reads back):
 * the largest exact unit, e.g. 5400 → "90m", 3600 → "1h", 90 → "90s".
 */
export function formatDurationForApi(seconds: number): string {
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
  ] as const) {
    if (seconds > 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** Seconds for a person to read in the dashboard: each unit that is not zero, e.g. 5400 → "1h 30m". */
export function formatDurationForDisplay(totalSeconds: number): string {
  if (totalSeconds <= 0) return "0s";
  const parts: string[] = [];
  let rest = Math.floor(totalSeconds);
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}
