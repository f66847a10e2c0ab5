// Search-param rules for the route tree, without zod. The route tree (each route's
// validateSearch, beforeLoad and loaderDeps) is part of the first download of every page,
// /login's included; with zod schemas there, zod's ~50 KB came with it. These rules keep the
// schemas' meaning: a value that does not fit is dropped (what `.optional().catch(undefined)`
// did), so a hand-edited URL shows the page without that filter. The API still checks every
// value it receives with the shared zod contracts.

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

// The two patterns below are zod 4's own (zod/v4/core/regexes.js), so a value passes here exactly
// when the API's z.uuid() and z.iso.datetime({ offset: true }) would take it; search-params.test.ts
// checks that against zod.

/** An RFC 9562 UUID (version 1–8, RFC variant), or the nil and max UUIDs: what z.uuid() takes. */
const HEX = "[0-9a-fA-F]";
const UUID = new RegExp(
  `^(${HEX}{8}-${HEX}{4}-[1-8]${HEX}{3}-[89abAB]${HEX}{3}-${HEX}{12}` +
    "|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$",
);
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
export const uuid: Rule<string> = (value) => (isUuid(value) ? value : undefined);

/** A calendar date that exists (29 February only in leap years). */
const DATE =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29" +
  "|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)" +
  "|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
/** RFC 3339: seconds are required, with a `Z` or a ±hh:mm offset. */
const TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d))";
const ISO_DATE_TIME = new RegExp(`^${DATE}T(?:${TIME})$`);
/** An ISO 8601 date-time with an offset, as the API's timestampSchema (z.iso.datetime({ offset: true })) takes it. */
export const dateTime: Rule<string> = (value) =>
  typeof value === "string" && ISO_DATE_TIME.test(value) ? value : undefined;

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
