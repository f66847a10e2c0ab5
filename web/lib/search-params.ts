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

/** A page number: an integer of at least 1. */
export const page: Rule<number> = (value) =>
  typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : undefined;

export const oneOf =
  <const T extends string | number>(options: readonly T[]): Rule<T> =>
  (value) =>
    options.includes(value as T) ? (value as T) : undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid: Rule<string> = (value) => (typeof value === "string" && UUID.test(value) ? value : undefined);

/** An ISO 8601 date-time with an offset, as the API's timestampSchema takes it. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const dateTime: Rule<string> = (value) =>
  typeof value === "string" && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;

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
