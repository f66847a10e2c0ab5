import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorBodySchema } from "#shared/errors.ts";
import {
  ApiError,
  apiPath,
  apiRequest,
  NETWORK_ERROR_STATUS,
  parseErrorBody,
  setCsrfToken,
  setUnauthorizedHandler,
} from "#web/lib/api-client.ts";

const okSchema = z.object({ ok: z.boolean() });

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

function lastRequest() {
  const [url, init] = fetchMock.mock.calls.at(-1)!;
  return { url: String(url), init: init!, headers: init!.headers as Record<string, string> };
}

describe("apiRequest", () => {
  it("returns the body parsed by the response schema and sends cookies same-origin", async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true, extra: "dropped" }));
    await expect(
      apiRequest("/api/v1/thing", okSchema, { query: { offset: 0, search: "", limit: 20 } }),
    ).resolves.toEqual({
      ok: true,
    });
    const { url, init } = lastRequest();
    // Empty and undefined query values are left out; 0 is kept.
    expect(url).toBe("/api/v1/thing?offset=0&limit=20");
    expect(init.credentials).toBe("same-origin");
  });

  it("sends JSON and the in-memory CSRF token on writes, never on reads", async () => {
    setCsrfToken("csrf-123");
    fetchMock.mockImplementation(async () => jsonResponse(200, { ok: true }));

    await apiRequest("/api/v1/thing", okSchema, { method: "POST", body: { name: "x" } });
    let request = lastRequest();
    expect(request.headers["X-CSRF-Token"]).toBe("csrf-123");
    expect(request.headers["Content-Type"]).toBe("application/json");
    expect(request.init.body).toBe('{"name":"x"}');

    await apiRequest("/api/v1/thing", okSchema, { method: "DELETE" });
    expect(lastRequest().headers["X-CSRF-Token"]).toBe("csrf-123");

    await apiRequest("/api/v1/thing", okSchema);
    request = lastRequest();
    expect(request.headers["X-CSRF-Token"]).toBeUndefined();
    expect(request.init.body).toBeUndefined();
  });

  it("throws an ApiError carrying the shared error body", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        statusCode: 400,
        error: "Bad Request",
        message: "Invalid request: slug: Use lowercase letters",
        requestId: "req-1",
        reasonCode: "invalid_request",
        issues: [{ path: ["slug"], message: "Use lowercase letters", code: "invalid_format" }],
      }),
    );
    const error = await apiRequest("/api/v1/projects", okSchema, { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      message: "Invalid request: slug: Use lowercase letters",
      requestId: "req-1",
      reasonCode: "invalid_request",
      issues: [{ path: ["slug"], message: "Use lowercase letters" }],
    });
  });

  it("still produces a useful ApiError when the error body is not JSON (e.g. a proxy page)", async () => {
    fetchMock.mockResolvedValue(
      new Response("<html>Bad gateway</html>", {
        status: 502,
        statusText: "Bad Gateway",
        headers: { "X-Request-Id": "px-9" },
      }),
    );
    const error = (await apiRequest("/api/v1/thing", okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(502);
    expect(error.message).toBe("The server answered 502 Bad Gateway.");
    expect(error.requestId).toBe("px-9");
    expect(error.issues).toEqual([]);
  });

  it("reports a network failure as status 0 with a readable message", async () => {
    fetchMock.mockRejectedValue(new TypeError("Failed to fetch"));
    const error = (await apiRequest("/api/v1/thing", okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error.statusCode).toBe(NETWORK_ERROR_STATUS);
    expect(error.message).toMatch(/could not reach/i);
  });

  it("refuses a success body that does not match the contract", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: "yes" }));
    const error = (await apiRequest("/api/v1/thing", okSchema).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.error).toBe("Unexpected Response");
  });

  it("calls the unauthorized handler on a 401, except for auth endpoints that opt out", async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const unauthorized = { statusCode: 401, error: "Unauthorized", message: "Your session has ended.", requestId: "r" };
    fetchMock.mockImplementation(async () => jsonResponse(401, unauthorized));

    await expect(apiRequest("/api/v1/projects", okSchema)).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(
      apiRequest("/api/v1/auth/login", okSchema, { method: "POST", body: {}, skipUnauthorizedRedirect: true }),
    ).rejects.toMatchObject({ statusCode: 401, message: "Your session has ended." });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

describe("a schema loaded on first use", () => {
  it("is imported only when a success body needs checking, and then checks it", async () => {
    const load = vi.fn(async () => okSchema);
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { statusCode: 401, error: "Unauthorized", message: "No", requestId: "r" }),
    );
    await expect(apiRequest("/api/v1/auth/session", load, { skipUnauthorizedRedirect: true })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(load).not.toHaveBeenCalled();

    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: true, extra: 1 }));
    await expect(apiRequest("/api/v1/auth/session", load)).resolves.toEqual({ ok: true });
    expect(load).toHaveBeenCalledTimes(1);

    vi.spyOn(console, "error").mockImplementation(() => {});
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: "yes" }));
    await expect(apiRequest("/api/v1/auth/session", load)).rejects.toMatchObject({ error: "Unexpected Response" });
  });
});

describe("parseErrorBody", () => {
  // Checked by hand so zod stays out of the sign-in page; it must accept and return exactly what
  // the shared errorBodySchema does.
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

describe("apiPath", () => {
  it("encodes interpolated ids so they cannot change the route", () => {
    expect(apiPath`/api/v1/projects/${"../organizations"}/environments/${"a b"}`).toBe(
      "/api/v1/projects/..%2Forganizations/environments/a%20b",
    );
  });
});
