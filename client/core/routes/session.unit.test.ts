import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currentSessionResponseSchema, sessionResponseSchema, setupStatusSchema } from "#shared/schemas/auth.ts";
import type { ResponseSchema } from "../schema.ts";
import { currentSessionCheck, sessionCheck, sessionRoutes, setupStatusCheck } from "./session.ts";

// The first-load routes check their answers by hand so the dashboard's first page needs no zod. Each check must take
// and give back exactly what its shared schema does: the same verdict and the same data for any JSON value.

/** Mostly values the schema takes, sometimes values it refuses: both verdicts get exercised. */
const mostly = (good: fc.Arbitrary<unknown>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 6 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));

const uuid = mostly(
  fc.oneof(fc.uuid(), fc.constant("00000000-0000-0000-0000-000000000000")),
  fc.string({ maxLength: 6 }),
  fc.uuid().map((id) => `${id}x`),
  fc.integer(),
);
const timestamp = mostly(
  fc.oneof(
    fc
      .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2999-12-31T23:59:59Z"), noInvalidDate: true })
      .map((date) => date.toISOString()),
    fc.constantFrom("2026-12-01T10:00:00+01:00", "2024-02-29T23:59:59.5-05:30", "2026-12-01T10:00:00Z"),
  ),
  fc.constantFrom("2026-12-01", "2026-02-29T10:00:00Z", "2026-12-01T10:00Z", "2026-12-01 10:00:00Z", ""),
  fc.integer(),
);
const text = mostly(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null));
const extra = fc.jsonValue({ maxDepth: 1 });

const named = (withEmail: boolean) =>
  mostly(
    fc.record({ id: uuid, name: text, createdAt: timestamp, extra, ...(withEmail ? { email: text } : {}) }),
    fc.jsonValue({ maxDepth: 1 }),
  );
const session = mostly(
  fc.record(
    {
      user: named(true),
      organization: named(false),
      orgRole: mostly(fc.constantFrom("admin", "member"), fc.constantFrom("owner", "Admin", 1)),
      csrfToken: text,
      extra,
    },
    { requiredKeys: ["user", "organization", "orgRole", "csrfToken"] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const current = mostly(
  fc.record(
    {
      session: mostly(fc.oneof(session, fc.constant(null)), fc.jsonValue({ maxDepth: 1 })),
      reasonCode: mostly(fc.constant("session_expired"), fc.string({ maxLength: 4 }), fc.constant(null)),
      extra,
    },
    { requiredKeys: ["session"] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const RUNS = 3000;

/** Asserts the same verdict and data on every value; answers how many each took, so a test cannot pass vacuously. */
function holdsTo(check: ResponseSchema, schema: ResponseSchema, values: fc.Arbitrary<unknown>) {
  let taken = 0;
  let refused = 0;
  fc.assert(
    fc.property(values, (value) => {
      const expected = schema.safeParse(value);
      const parsed = check.safeParse(value);
      expect(parsed.success).toBe(expected.success);
      if (parsed.success && expected.success) expect(parsed.data).toStrictEqual(expected.data);
      if (expected.success) taken++;
      else refused++;
    }),
    { numRuns: RUNS },
  );
  // A well-formed session is a few percent of the values (~100 of 3,000): at least 1 % each way, so that neither
  // verdict goes untested, with a margin far beyond the run-to-run spread.
  expect(taken).toBeGreaterThanOrEqual(RUNS / 100);
  expect(refused).toBeGreaterThanOrEqual(RUNS / 100);
}

describe("the first-load routes' hand-written checks", () => {
  it("check a session as sessionResponseSchema does", () => {
    holdsTo(sessionCheck, sessionResponseSchema, session);
  });

  it("check the session answer ({ session } or { session: null }) as currentSessionResponseSchema does", () => {
    holdsTo(currentSessionCheck, currentSessionResponseSchema, current);
  });

  it("check the setup status as setupStatusSchema does", () => {
    const status = mostly(
      fc.record({ needsSetup: fc.boolean(), extra }, { requiredKeys: ["needsSetup"] }),
      fc.record({ needsSetup: fc.jsonValue({ maxDepth: 1 }) }),
      fc.jsonValue({ maxDepth: 1 }),
    );
    holdsTo(setupStatusCheck, setupStatusSchema, status);
  });

  it("are what the routes answer with, so the dashboard's first page needs no zod", () => {
    expect(sessionRoutes.session.response).toBe(currentSessionCheck);
    expect(sessionRoutes.login.response).toBe(sessionCheck);
    expect(sessionRoutes.setupStatus.response).toBe(setupStatusCheck);
  });
});
