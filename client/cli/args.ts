// Command-line parsing on node:util's parseArgs, with the exit codes scripts can rely on.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { parseDuration } from "#shared/durations.ts";

/** Exit codes: documented in `leasehold --help` and the README. */
export const EXIT = {
  ok: 0,
  /** Anything unexpected. */
  failure: 1,
  /** Wrong flags or arguments. */
  usage: 2,
  /** Login refused, or no AWS credentials to sign with (401). */
  unauthenticated: 3,
  /** The identity may not do this (403). */
  forbidden: 4,
  /** No such identity, secret, lease or project (404). */
  notFound: 5,
  /** The server refused the request as invalid (400, 409, 413). */
  invalid: 6,
  /** The server could not be reached, is failing (5xx) or asks to slow down (429). */
  unavailable: 7,
} as const;

export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export const COMMON_OPTIONS = {
  url: { type: "string" },
  "identity-id": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

export const LOCATION_OPTIONS = {
  project: { type: "string" },
  env: { type: "string" },
  path: { type: "string", default: "/" },
} as const satisfies Options;

export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** A duration flag ("90s", "15m", "1h", "7d", or seconds) in seconds. */
export function duration(values: Record<string, unknown>, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const seconds = typeof value === "string" ? parseDuration(value) : null;
  if (seconds === null) throw new UsageError(`--${name} takes a duration such as 30m, 1h or 7d`);
  return seconds;
}

export function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url ${value} is not a URL (for example https://leasehold.example.com)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError("--url must be http(s)");
  return url.origin;
}
