import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { auditRoutes } from "#client/core/routes/audit.ts";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { OverdueRevocationsBanner } from "./overdue-revocations-banner.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const session = (orgRole: "admin" | "member") => ({ orgRole, organization: { id: ORG } }) as unknown as SessionResponse;

function renderWith(orgRole: "admin" | "member", body: unknown) {
  const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status: 200 }));
  vi.stubGlobal("fetch", fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <p>page</p>
      <OverdueRevocationsBanner session={session(orgRole)} />
    </QueryClientProvider>,
  );
  return fetch;
}

const overdue = {
  overdueRevocations: {
    count: 3,
    oldestExpiredAt: "2026-12-03T10:00:00.000Z",
    lastError: { message: "AWS could not be reached for iam:DeleteUser", at: "2026-12-03T10:05:00.000Z" },
  },
};

describe("OverdueRevocationsBanner", () => {
  it("tells an org admin how many revocations are overdue, since when, and the last error", async () => {
    const fetch = renderWith("admin", overdue);
    const banner = await screen.findByTestId("overdue-revocations");
    expect(banner.textContent).toContain("3 revocations are overdue");
    expect(banner.textContent).toContain("The oldest expired at");
    expect(banner.textContent).toContain("AWS could not be reached for iam:DeleteUser");
    expect(String(fetch.mock.calls[0]![0])).toBe(pathOf(auditRoutes.leaseHealth, { orgId: ORG }));
  });

  it("shows nothing when no revocation is overdue", async () => {
    const fetch = renderWith("admin", { overdueRevocations: { count: 0, oldestExpiredAt: null, lastError: null } });
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    await screen.findByText("page");
    expect(screen.queryByTestId("overdue-revocations")).toBeNull();
  });

  it("never asks for members, who cannot act on it", async () => {
    const fetch = renderWith("member", overdue);
    await screen.findByText("page");
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.queryByTestId("overdue-revocations")).toBeNull();
  });
});
