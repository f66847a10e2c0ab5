import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorBodySchema } from "#shared/errors.ts";
import { errorFromResponse, LeaseholdError, parseErrorBody } from "./errors.ts";

describe("parseErrorBody", () => {
  // Checked by hand so zod stays out of the dashboard's sign-in page; it must accept and return exactly what the
  // shared errorBodySchema does.
  const issue = fc.record(
    {
      path: fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean()), { maxLength: 3 }),
      message: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(undefined), fc.integer()),
      code: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(undefined), fc.constant(null)),
      extra: fc.string({ maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  const body = fc.record(
    {
      statusCode: fc.oneof(
        fc.integer({ min: 100, max: 599 }),
        fc.double(),
        fc.constant(2 ** 53),
        fc.string({ maxLength: 3 }),
      ),
      error: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      message: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
      requestId: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(undefined)),
      reasonCode: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
      issues: fc.oneof(fc.array(issue, { maxLength: 2 }), fc.constant("x"), fc.constant(null)),
      details: fc.oneof(
        fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue()),
        fc.array(fc.integer()),
        fc.constant(null),
      ),
      extra: fc.string({ maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  it("takes and gives back exactly what errorBodySchema does", () => {
    fc.assert(
      fc.property(fc.oneof(body, fc.jsonValue()), (payload) => {
        const expected = errorBodySchema.safeParse(payload);
        expect(parseErrorBody(payload)).toStrictEqual(expected.success ? expected.data : undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a key that is present but undefined, as zod does", () => {
    const payload = {
      statusCode: 400,
      error: "",
      message: "",
      requestId: "r",
      issues: [{ path: [], message: "", code: undefined }],
    };
    expect(parseErrorBody(payload)).toStrictEqual(errorBodySchema.parse(payload));
  });

  it("accepts the bodies the server sends", () => {
    const sent = {
      statusCode: 400,
      error: "Bad Request",
      message: "Invalid request",
      requestId: "r-1",
      reasonCode: "invalid_request",
      issues: [{ path: ["provider", "inputs", 0], message: "Required", code: "invalid_type" }],
      details: { field: "x" },
    };
    expect(parseErrorBody(sent)).toStrictEqual(sent);
  });
});

describe("errorFromResponse", () => {
  it("carries the API's error body", () => {
    const error = errorFromResponse(new Response(null, { status: 409 }), {
      statusCode: 409,
      error: "Conflict",
      message: "A project with this slug exists",
      requestId: "req-9",
      reasonCode: "slug_taken",
      issues: [{ path: ["slug"], message: "Taken" }],
    });
    expect(error).toBeInstanceOf(LeaseholdError);
    expect(error).toMatchObject({
      statusCode: 409,
      message: "A project with this slug exists",
      requestId: "req-9",
      reasonCode: "slug_taken",
      issues: [{ path: ["slug"], message: "Taken" }],
    });
  });

  it("still gives a useful error for an answer that is not the API's (a proxy's HTML page)", () => {
    const response = new Response("<html>", {
      status: 502,
      statusText: "Bad Gateway",
      headers: { "x-request-id": "px-9" },
    });
    const error = errorFromResponse(response, undefined);
    expect(error).toMatchObject({
      statusCode: 502,
      message: "The server answered 502 Bad Gateway.",
      requestId: "px-9",
      reasonCode: "unexpected_response",
      issues: [],
    });
  });
});
