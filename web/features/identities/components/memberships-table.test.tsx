import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { MembershipsTable } from "./memberships-table.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const IDENTITY = "11111111-1111-4111-8111-111111111111";
const membership = {
  id: "22222222-2222-4222-8222-222222222222",
  identityId: IDENTITY,
  projectId: "33333333-3333-4333-8333-333333333333",
  projectName: "Payments",
  projectSlug: "payments",
  role: "developer" as const,
  createdAt: "2026-12-01T10:00:00.000Z",
};

describe("MembershipsTable", () => {
  it("names Remove in words and removes the identity from the project after a confirmation", async () => {
    const fetch = stubApi({
      [stubKey(identityRoutes.removeMembership, { identityId: IDENTITY, membershipId: membership.id })]: {
        body: { membership },
      },
      [stubKey(identityRoutes.listMemberships, { identityId: IDENTITY })]: { body: { memberships: [] } },
    });
    renderInRouter(<MembershipsTable identityId={IDENTITY} memberships={[membership]} canManage />);
    const remove = await screen.findByRole("button", { name: "Remove from Payments" });
    expect(remove.textContent).toBe("Remove");
    fireEvent.click(remove);
    const dialog = await screen.findByRole("alertdialog", { name: "Remove from Payments?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove from project" }));
    await waitFor(() =>
      expect(
        fetch.mock.calls.some(([url, init]) => init?.method === "DELETE" && String(url).includes(membership.id)),
      ).toBe(true),
    );
  });

  it("offers neither a role change nor Remove to someone who cannot manage it", async () => {
    stubApi({});
    renderInRouter(<MembershipsTable identityId={IDENTITY} memberships={[membership]} canManage={false} />);
    expect(await screen.findByText("Payments")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.queryByRole("combobox")).toBeNull();
  });
});
