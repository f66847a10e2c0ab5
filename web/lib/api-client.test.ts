import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LeaseholdError } from "#client/core/errors.ts";
import { pathOf } from "#client/core/route.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { apiCall, setCsrfToken, setUnauthorizedHandler } from "#web/lib/api-client.ts";

// The dashboard's wiring of the typed client's transport (client/core/transport.unit.test.ts tests the transport).

const PROJECT_ID = "0e35dd13-563f-424e-83a9-141922500d85";
const project = {
  id: PROJECT_ID,
  orgId: "fca4a0d6-03cc-4252-9719-a602289f05fb",
  name: "Payments",
  slug: "payments",
  environments: [],
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

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

describe("apiCall", () => {
  it("sends the session's CSRF token on writes only, and the cookie same-origin", async () => {
    setCsrfToken("csrf-123");
    fetchMock.mockImplementation(async () => json(200, { project }));

    await apiCall(projectRoutes.update, { params: { projectId: PROJECT_ID }, body: { name: "Payments" } });
    expect(lastRequest()).toMatchObject({
      url: pathOf(projectRoutes.update, { projectId: PROJECT_ID }),
      init: { method: "PATCH", body: '{"name":"Payments"}', credentials: "same-origin" },
      headers: { "x-csrf-token": "csrf-123" },
    });

    await apiCall(projectRoutes.get, { params: { projectId: PROJECT_ID } });
    expect(lastRequest().headers["x-csrf-token"]).toBeUndefined();
  });

  it("sends the person to /login on a 401, except where a 401 is an answer (signing in)", async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const unauthorized = { statusCode: 401, error: "Unauthorized", message: "Your session has ended.", requestId: "r" };
    fetchMock.mockImplementation(async () => json(401, unauthorized));

    const error = await apiCall(projectRoutes.get, { params: { projectId: PROJECT_ID } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseholdError);
    expect(error).toMatchObject({ statusCode: 401, message: "Your session has ended.", requestId: "r" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(
      apiCall(projectRoutes.get, { params: { projectId: PROJECT_ID }, skipUnauthorizedHandler: true }),
    ).rejects.toMatchObject({ statusCode: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("checks answers with the shared schemas outside the production build", async () => {
    // The production build trusts its own server's answers (decision 1311); development and these tests do not.
    expect(import.meta.env.DEV).toBe(true);
    fetchMock.mockResolvedValueOnce(json(200, { project: { ...project, extra: 1 } }));
    await expect(apiCall(projectRoutes.get, { params: { projectId: PROJECT_ID } })).resolves.toEqual({ project });

    fetchMock.mockResolvedValueOnce(json(200, { project: { ...project, slug: 7 } }));
    await expect(apiCall(projectRoutes.get, { params: { projectId: PROJECT_ID } })).rejects.toMatchObject({
      reasonCode: "unexpected_response",
      issues: [{ path: ["project", "slug"] }],
    });
  });
});
