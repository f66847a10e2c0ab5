import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { LeaseholdError, NETWORK_ERROR_STATUS } from "./errors.ts";
import { callRoute, route } from "./route.ts";
import { type ResponseSchema, typeOf } from "./schema.ts";
import { createTransport } from "./transport.ts";

const okSchema = z.object({ ok: z.boolean() });
const bodySchema = z.object({ name: z.string() });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const unauthorized = { statusCode: 401, error: "Unauthorized", message: "Your session has ended.", requestId: "r" };

function fetchAnswering(...answers: (Response | Error)[]) {
  const fetch = vi.fn<typeof globalThis.fetch>();
  for (const answer of answers) {
    if (answer instanceof Error) fetch.mockRejectedValueOnce(answer);
    else fetch.mockResolvedValueOnce(answer);
  }
  const sent = (index = -1) => {
    const [url, init] = fetch.mock.calls.at(index)!;
    return { url: String(url), init: init!, headers: init!.headers as Record<string, string> };
  };
  return { fetch, sent };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a failure"),
    (e: unknown) => e,
  );

describe("a cookie session (the dashboard)", () => {
  const things = route("POST", "/api/v1/things/{thingId}", {
    operationId: "x",
    body: typeOf<typeof bodySchema>(),
    response: okSchema,
  });

  it("sends the CSRF token and JSON on writes, never on reads, with same-origin credentials", async () => {
    let csrfToken: string | null = "csrf-1";
    const { fetch, sent } = fetchAnswering(json(200, { ok: true }), json(200, { ok: true }), json(200, { ok: true }));
    const transport = createTransport({ fetch, session: { csrfToken: () => csrfToken } });

    await callRoute(transport, things, { params: { thingId: "a/b" }, body: { name: "x" } });
    expect(sent()).toMatchObject({
      url: "/api/v1/things/a%2Fb",
      init: { method: "POST", body: '{"name":"x"}', credentials: "same-origin", redirect: "error" },
      headers: { "x-csrf-token": "csrf-1", "content-type": "application/json" },
    });

    await transport.request("/api/v1/things", okSchema, { query: { offset: 0, search: "", limit: 20, cursor: null } });
    // Empty, null and undefined query values are left out; 0 is kept.
    expect(sent().url).toBe("/api/v1/things?offset=0&limit=20");
    expect(sent().headers["x-csrf-token"]).toBeUndefined();
    expect(sent().init.body).toBeUndefined();

    csrfToken = null; // read on each request: signed out now
    await transport.request("/api/v1/things", okSchema, { method: "DELETE" });
    expect(sent().headers["x-csrf-token"]).toBeUndefined();
  });

  it("calls onUnauthorized on a 401, except for calls that expect one", async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fetchAnswering(json(401, unauthorized), json(401, unauthorized));
    const transport = createTransport({ fetch, session: { csrfToken: () => null }, onUnauthorized });

    const error = await rejection(transport.request("/api/v1/projects", okSchema));
    expect(error).toBeInstanceOf(LeaseholdError);
    expect(onUnauthorized).toHaveBeenCalledWith(error);

    await expect(
      transport.request("/api/v1/auth/login", okSchema, { method: "POST", skipUnauthorizedHandler: true }),
    ).rejects.toMatchObject({ statusCode: 401, message: "Your session has ended." });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("reports a failure to reach the server as status 0, and lets an abort through as it is", async () => {
    const { fetch } = fetchAnswering(new TypeError("Failed to fetch"));
    const error = await rejection(createTransport({ fetch }).request("/api/v1/things", okSchema));
    expect(error).toMatchObject({ statusCode: NETWORK_ERROR_STATUS, reasonCode: "network_error" });
    expect((error as Error).message).toBe(
      "Could not reach the Leasehold server (Failed to fetch). Check the connection and try again.",
    );

    const controller = new AbortController();
    controller.abort();
    const aborted = new DOMException("Aborted", "AbortError");
    const { fetch: abortedFetch } = fetchAnswering(aborted);
    await expect(
      createTransport({ fetch: abortedFetch }).request("/api/v1/things", okSchema, { signal: controller.signal }),
    ).rejects.toBe(aborted);
  });
});

describe("checking answers", () => {
  it("refuses an answer that does not match the contract, naming the fields", async () => {
    const { fetch } = fetchAnswering(json(200, { ok: "yes" }, { "x-request-id": "req-5" }));
    await expect(createTransport({ fetch }).request("/api/v1/things", okSchema)).rejects.toMatchObject({
      statusCode: 200,
      reasonCode: "unexpected_response",
      requestId: "req-5",
      issues: [{ path: ["ok"] }],
    });
  });

  it("imports a lazy schema only for a successful answer, and checks with it", async () => {
    const load = vi.fn(async (): Promise<ResponseSchema<{ ok: boolean }>> => okSchema);
    const { fetch } = fetchAnswering(json(401, unauthorized), json(200, { ok: true, extra: 1 }), json(200, {}));
    const transport = createTransport({ fetch });

    await expect(transport.request("/api/v1/things", load)).rejects.toMatchObject({ statusCode: 401 });
    expect(load).not.toHaveBeenCalled();
    await expect(transport.request("/api/v1/things", load)).resolves.toEqual({ ok: true });
    await expect(transport.request("/api/v1/things", load)).rejects.toMatchObject({ error: "Unexpected Response" });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("with checkLazyAnswers: false, takes the answer as it came without importing the schema", async () => {
    const load = vi.fn(async (): Promise<ResponseSchema<{ ok: boolean }>> => okSchema);
    const { fetch } = fetchAnswering(json(200, { ok: true, extra: 1 }), json(200, { ok: "yes" }));
    const transport = createTransport({ fetch, checkLazyAnswers: false });

    await expect(transport.request("/api/v1/things", load)).resolves.toEqual({ ok: true, extra: 1 });
    expect(load).not.toHaveBeenCalled();
    // A check at hand still runs.
    await expect(transport.request("/api/v1/things", okSchema)).rejects.toMatchObject({ error: "Unexpected Response" });
  });
});
