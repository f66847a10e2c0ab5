import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberRoutes } from "#client/core/routes/members.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { MembersTable } from "./members-table.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const member = {
  id: "22222222-2222-4222-8222-222222222222",
  userId: "33333333-3333-4333-8333-333333333333",
  email: "dev@example.com",
  name: "Dee Veloper",
  role: "member" as const,
  status: "active" as const,
  createdAt: "2026-12-01T10:00:00.000Z",
};

function renderMembers(canManage: boolean) {
  const fetch = stubApi({
    [stubKey(memberRoutes.list, { orgId: ORG })]: { body: { members: [member], totalCount: 1 } },
    [stubKey(memberRoutes.remove, { orgId: ORG, memberId: member.id })]: { body: { member } },
  });
  renderInRouter(
    <MembersTable
      orgId={ORG}
      params={{ page: 1 }}
      currentUserId="someone-else"
      canManage={canManage}
      onPageChange={() => {}}
    />,
  );
  return fetch;
}

describe("MembersTable", () => {
  it("names Remove in words and removes only after a confirmation", async () => {
    const fetch = renderMembers(true);
    const remove = await screen.findByRole("button", { name: "Remove Dee Veloper" });
    expect(remove.textContent).toBe("Remove");
    fireEvent.click(remove);
    const dialog = await screen.findByRole("alertdialog", { name: "Remove Dee Veloper?" });
    expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(true));
  });

  it("offers no Remove to someone who cannot manage members", async () => {
    renderMembers(false);
    expect(await screen.findByText("Dee Veloper")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Remove/ })).toBeNull();
  });
});
