// The route tree's search-param rules replaced zod schemas (commit 9255780) to keep zod out of
// the first download. Each rule must still mean what its schema meant, so each is compared here
// with the zod schema it replaced, on values a hand-edited URL can produce (TanStack Router
// parses each search value as JSON when it can: numbers, booleans, null, arrays, objects).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { listAuditLogsQuerySchema } from "#shared/schemas/audit.ts";
import { dateTime, isUuid, oneOf, page, searchParams, text, uuid } from "#web/lib/search-params.ts";

/** What `.optional().catch(undefined)` made of a schema: the value when it fits, else undefined. */
const caught = (schema: z.ZodType) => (value: unknown) => schema.optional().catch(undefined).parse(value);

/** Anything a search value can be, weighted towards the shapes the rules care about. */
const searchValue = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: length, maxLength: length });
/** 8-4-4-4-12 hex with any version and variant digit, sometimes broken by a non-hex or a missing character. */
const wellFormed = fc
  .tuple(hex(8), hex(4), hex(1), hex(3), hex(1), hex(3), hex(12))
  .map(([a, b, version, c, variant, d, e]) => `${a}-${b}-${version}${c}-${variant}${d}-${e}`);
const uuidLike = fc.oneof(
  wellFormed,
  wellFormed.map((value) => value.toLowerCase()),
  wellFormed.map((value) => value.slice(1)),
  wellFormed.map((value) => value.replace(/[0-9a-f]/i, "g")),
);
const uuidv4 = fc.uuid();

const digits = (length: number, max = 9) =>
  fc.array(fc.integer({ min: 0, max }), { minLength: length, maxLength: length }).map((d) => d.join(""));
const dateTimeLike = fc
  .record({
    year: fc.constantFrom("2024", "2025", "2000", "1900", "2100", "0000", "9999"),
    month: fc.constantFrom("01", "02", "04", "06", "09", "11", "12", "00", "13"),
    day: fc.constantFrom("01", "28", "29", "30", "31", "00", "32"),
    hour: fc.constantFrom("00", "09", "23", "24", "99"),
    minute: fc.constantFrom("00", "59", "60"),
    seconds: fc.constantFrom("", ":00", ":59", ":60", ":5"),
    fraction: fc.constantFrom("", ".1", ".123456789", "."),
    offset: fc.constantFrom("Z", "z", "", "+02:00", "-23:59", "+24:00", "+0200", "+02:60", "+2:00"),
    separator: fc.constantFrom("T", "T", " ", "t"),
  })
  .map(
    (p) =>
      `${p.year}-${p.month}-${p.day}${p.separator}` +
      `${p.hour}:${p.minute}${p.seconds}${p.seconds ? p.fraction : ""}${p.offset}`,
  );

describe("search-param rules mean what the zod schemas they replaced meant", () => {
  it("text(n) is z.string().max(n)", () => {
    for (const max of [64, 256, 2048]) {
      const schema = caught(z.string().max(max));
      fc.assert(
        fc.property(fc.oneof(searchValue, fc.string({ minLength: max - 2, maxLength: max + 2 })), (value) => {
          expect(text(max)(value)).toStrictEqual(schema(value));
        }),
      );
    }
  });

  it("page is z.number().int().min(1)", () => {
    const schema = caught(z.number().int().min(1));
    fc.assert(
      fc.property(fc.oneof(searchValue, fc.integer({ min: -2, max: 3 }), fc.constant(Number.NaN)), (value) => {
        expect(page(value)).toStrictEqual(schema(value));
      }),
    );
  });

  it("oneOf is a union of literals", () => {
    const steps = caught(z.union([z.literal(1), z.literal(2), z.literal(3)]));
    const methods = caught(z.enum(["assume-role", "access-key"]));
    fc.assert(
      fc.property(fc.oneof(searchValue, fc.integer({ min: 0, max: 4 }), fc.constantFrom("1", "access-key")), (v) => {
        expect(oneOf([1, 2, 3])(v)).toStrictEqual(steps(v));
        expect(oneOf(["assume-role", "access-key"])(v)).toStrictEqual(methods(v));
      }),
    );
  });

  it("uuid is z.uuid(), which the API checks ids with", () => {
    const schema = caught(z.uuid());
    const nil = "00000000-0000-0000-0000-000000000000";
    const max = "ffffffff-ffff-ffff-ffff-ffffffffffff";
    fc.assert(
      fc.property(fc.oneof(searchValue, uuidLike, uuidv4, fc.constantFrom(nil, max, max.toUpperCase())), (value) => {
        expect(uuid(value)).toStrictEqual(schema(value));
        expect(isUuid(value)).toBe(schema(value) !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("dateTime is the audit log's from/to filter (z.iso.datetime({ offset: true }))", () => {
    const from = caught(listAuditLogsQuerySchema.shape.from);
    fc.assert(
      fc.property(
        fc.oneof(
          searchValue,
          dateTimeLike,
          digits(4).map((y) => `${y}-02-29T12:00:00Z`),
        ),
        (value) => {
          expect(dateTime(value)).toStrictEqual(from(value));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("searchParams", () => {
  const validate = searchParams({ page, search: text(8), step: oneOf([1, 2]) });

  it("keeps the keys whose values fit and drops the others, and every key it does not know", () => {
    expect(validate({ page: 2, search: "abc", step: 2 })).toStrictEqual({ page: 2, search: "abc", step: 2 });
    expect(validate({ page: 0, search: "far too long", step: 3, other: "x" })).toStrictEqual({});
    expect(validate({ page: "2", search: 5 })).toStrictEqual({});
    expect(validate({})).toStrictEqual({});
  });

  it("never throws, whatever the URL holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("page", "search", "step", "x"), searchValue), (search) => {
        const out = validate(search);
        for (const key of Object.keys(out)) expect(["page", "search", "step"]).toContain(key);
      }),
    );
  });
});
