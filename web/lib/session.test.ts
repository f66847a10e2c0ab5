import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { sessionRoutes } from "#client/core/routes/session.ts";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { loadQueryClient } from "#web/lib/data-layer.ts";
import { forgetSession, getSession, logIn, storeNewSession, storeSignedOut } from "#web/lib/session.ts";
import { getSetupStatus, markSetupDone } from "#web/lib/setup-status.ts";

const session: SessionResponse = {
  user: {
    id: "0b6f3f8e-8a7e-4c5e-9d1b-2f3a4b5c6d7e",
    email: "ada@example.test",
    name: "Ada",
    createdAt: "2026-12-01T10:00:00Z",
  },
  organization: { id: "1c7a4e9f-9b8f-4d6e-8e2c-3a4b5c6d7e8f", name: "Acme", createdAt: "2026-12-01T10:00:00Z" },
  orgRole: "admin",
  csrfToken: "csrf-1",
};
const unauthorized = { statusCode: 401, error: "Unauthorized", message: "Sign in", requestId: "r" };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  vi.stubGlobal("fetch", fetchMock);
  forgetSession();
});
afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the session", () => {
  it("is asked of the server once, then remembered; `session: null` (or a 401) means signed out", async () => {
    fetchMock.mockResolvedValue(json(200, { session: null, reasonCode: "session_expired" }));
    await expect(getSession()).resolves.toBeNull();
    await expect(getSession()).resolves.toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(pathOf(sessionRoutes.session));

    forgetSession();
    fetchMock.mockResolvedValue(json(401, unauthorized));
    await expect(getSession()).resolves.toBeNull();

    forgetSession();
    fetchMock.mockResolvedValue(json(200, { session }));
    await expect(getSession()).resolves.toEqual(session);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it("checks a signed-in answer (by hand: no zod on the first page)", async () => {
    fetchMock.mockResolvedValue(json(200, { session: { ...session, orgRole: "owner" } }));
    await expect(getSession()).rejects.toMatchObject({ error: "Unexpected Response" });
  });

  it("does not remember a failure to reach the server", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await expect(getSession()).rejects.toMatchObject({ statusCode: 0 });
    fetchMock.mockResolvedValueOnce(json(200, { session }));
    await expect(getSession()).resolves.toEqual(session);
  });

  it("a new session drops the previous person's cached data; signing out needs no request", async () => {
    const queryClient = await loadQueryClient();
    queryClient.setQueryData(["projects"], ["someone else's"]);
    storeNewSession(session);
    expect(queryClient.getQueryData(["projects"])).toBeUndefined();
    await expect(getSession()).resolves.toEqual(session);

    storeSignedOut();
    await expect(getSession()).resolves.toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("logIn posts the credentials and remembers who signed in", async () => {
    fetchMock.mockResolvedValue(json(200, session));
    await logIn({ email: "ada@example.test", password: "correct horse" });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(pathOf(sessionRoutes.login));
    expect(init?.method).toBe("POST");
    await expect(getSession()).resolves.toEqual(session);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe("the setup status", () => {
  it("is remembered for a minute, and for good once setup is done", async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(async () => json(200, { needsSetup: true }));
    await expect(getSetupStatus()).resolves.toEqual({ needsSetup: true });
    await getSetupStatus();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(61_000);
    await getSetupStatus();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    markSetupDone();
    await expect(getSetupStatus()).resolves.toEqual({ needsSetup: false });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
