// Hand-written checks for the answers every page reads (the error body, the session, the setup status), so a first
// page needs no zod. Each one is held to its shared zod schema by a property test (checks.unit.test.ts,
// errors.unit.test.ts).

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// The two patterns below are zod 4's own (zod/v4/core/regexes.js), so a value passes here exactly when z.uuid() and
// z.iso.datetime({ offset: true }) would take it; the property tests check that against zod.

/** An RFC 9562 UUID (version 1–8, RFC variant), or the nil and max UUIDs: what z.uuid() takes. */
const HEX = "[0-9a-fA-F]";
const UUID = new RegExp(
  `^(${HEX}{8}-${HEX}{4}-[1-8]${HEX}{3}-[89abAB]${HEX}{3}-${HEX}{12}` +
    "|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$",
);
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** A calendar date that exists (29 February only in leap years). */
const DATE =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29" +
  "|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)" +
  "|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
/** RFC 3339: seconds are required, with a `Z` or a ±hh:mm offset. */
const TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d))";
const ISO_DATE_TIME = new RegExp(`^${DATE}T(?:${TIME})$`);
/** An ISO 8601 date-time with an offset: what the API's timestampSchema (z.iso.datetime({ offset: true })) takes. */
export const isTimestamp = (value: unknown): value is string => typeof value === "string" && ISO_DATE_TIME.test(value);

/** A check with zod's `safeParse` shape, from a function that answers the checked copy or undefined. */
export function handCheck<Output>(name: string, check: (value: unknown) => Output | undefined) {
  return {
    safeParse: (value: unknown) => {
      const data = check(value);
      return data === undefined
        ? { success: false as const, error: { issues: [{ path: [], message: `Expected ${name}` }] } }
        : { success: true as const, data };
    },
  };
}
