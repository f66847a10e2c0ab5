// Search-param rules for the route tree, without zod. The route tree (each route's
// validateSearch, beforeLoad and loaderDeps) is part of the first download of every page,
// /login's included; with zod schemas there, zod's ~50 KB came with it. These rules keep the
// schemas' meaning: a value that does not fit is dropped (what `.optional().catch(undefined)`
// did), so a hand-edited URL shows the page without that filter. The API still checks every
// value it receives with the shared zod contracts.

import { isTimestamp, isUuid } from "#client/core/checks.ts";

type Rule<T> = (value: unknown) => T | undefined;

export const text =
  (maxLength: number): Rule<string> =>
  (value) =>
    typeof value === "string" && value.length <= maxLength ? value : undefined;

/** A page number: a safe integer of at least 1 (z.number().int() refuses integers past 2^53 too). */
export const page: Rule<number> = (value) =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 1 ? value : undefined;

export const oneOf =
  <const T extends string | number>(options: readonly T[]): Rule<T> =>
  (value) =>
    options.includes(value as T) ? (value as T) : undefined;

// isUuid and isTimestamp are zod 4's own patterns (client/core/checks.ts), so a value passes here exactly when the
// API's z.uuid() and z.iso.datetime({ offset: true }) would take it; search-params.test.ts checks that against zod.
export { isUuid };
export const uuid: Rule<string> = (value) => (isUuid(value) ? value : undefined);

/** An ISO 8601 date-time with an offset, as the API's timestampSchema (z.iso.datetime({ offset: true })) takes it. */
export const dateTime: Rule<string> = (value) => (isTimestamp(value) ? value : undefined);

/** validateSearch from one rule per key; keys whose value fails their rule are left out. */
export function searchParams<Shape extends Record<string, Rule<unknown>>>(shape: Shape) {
  return (search: Record<string, unknown>): { [K in keyof Shape]?: NonNullable<ReturnType<Shape[K]>> } => {
    const out: Record<string, unknown> = {};
    for (const [key, rule] of Object.entries(shape)) {
      const value = rule(search[key]);
      if (value !== undefined) out[key] = value;
    }
    return out as { [K in keyof Shape]?: NonNullable<ReturnType<Shape[K]>> };
  };
}
