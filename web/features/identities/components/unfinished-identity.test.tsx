import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pathOf } from "#client/core/route.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import type { Identity } from "#shared/schemas/identities.ts";
import { toast } from "#web/components/ui/toast.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { IdentitiesTable } from "./identities-table.tsx";
import { UnfinishedIdentityNotice } from "./unfinished-identity.tsx";

beforeEach(() => {
  // Radix menus measure their trigger; jsdom has no ResizeObserver.
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const at = "2026-12-01T10:00:00.000Z";
const identity = (id: string, name: string, authMethods: Identity["authMethods"]): Identity => ({
  id,
  orgId: ORG,
  name,
  role: "member",
  authMethods,
  createdAt: at,
  updatedAt: at,
});
const halfMade = identity("a1a1a1a1-1111-4111-8111-111111111111", "half-made-bot", []);
const ready = identity("b2b2b2b2-2222-4222-8222-222222222222", "deploy-bot", ["aws-auth"]);

function renderTable(canManage: boolean) {
  const fetch = stubApi({
    [stubKey(identityRoutes.list, { orgId: ORG })]: { body: { identities: [halfMade, ready], totalCount: 2 } },
    [stubKey(identityRoutes.delete, { identityId: halfMade.id })]: { body: { identity: halfMade } },
  });
  renderInRouter(<IdentitiesTable orgId={ORG} params={{ page: 1 }} canManage={canManage} onPageChange={() => {}} />);
  return fetch;
}

const row = async (name: string) => (await screen.findByRole("link", { name })).closest("tr") as HTMLElement;

describe("an identity that cannot log in, in the list", () => {
  it("offers an org admin 'Finish setup' (the wizard's AWS Auth step) and nothing on a finished identity", async () => {
    renderTable(true);
    const unfinished = await row("half-made-bot");
    expect(within(unfinished).getByText("None: cannot log in")).toBeTruthy();
    const finish = within(unfinished).getByRole("link", { name: "Finish setup of half-made-bot" });
    expect(finish.getAttribute("href")).toBe(`/identities/new?step=2&identityId=${halfMade.id}`);
    expect(within(unfinished).getByRole("button", { name: "More actions for half-made-bot" }).textContent).toBe("More");
    const finished = await row("deploy-bot");
    expect(within(finished).queryByRole("link", { name: /Finish setup/ })).toBeNull();
    expect(within(finished).queryByRole("button")).toBeNull();
  });

  it("deletes it from the More menu after a confirmation", async () => {
    const success = vi.spyOn(toast, "success");
    const fetch = renderTable(true);
    const unfinished = await row("half-made-bot");
    // The menu's Radix code loads as it first opens and replaces the plain button: `more()` is the one there now.
    const more = () => within(unfinished).getByRole("button", { name: "More actions for half-made-bot" });
    act(() => more().focus());
    fireEvent.keyDown(more(), { key: "Enter" });
    fireEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete half-made-bot?" });
    expect(dialog.textContent).toContain("It has no way to log in yet");
    const deletes = () => fetch.mock.calls.filter(([, init]) => init?.method === "DELETE");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(deletes()).toHaveLength(0);
    // Focus goes back to the menu's button, not to the page's body.
    await waitFor(() => expect(document.activeElement).toBe(more()));

    fireEvent.keyDown(more(), { key: "Enter" });
    fireEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
    fireEvent.click(await screen.findByRole("button", { name: "Delete identity" }));
    await waitFor(() => expect(deletes()).toHaveLength(1));
    expect(String(deletes()[0]![0])).toBe(pathOf(identityRoutes.delete, { identityId: halfMade.id }));
    await waitFor(() => expect(success).toHaveBeenCalledWith("Deleted “half-made-bot”"));
  });

  it("shows no actions to someone who cannot manage identities", async () => {
    renderTable(false);
    const unfinished = await row("half-made-bot");
    expect(within(unfinished).queryByRole("link", { name: /Finish setup/ })).toBeNull();
    expect(within(unfinished).queryByRole("button")).toBeNull();
  });
});

describe("an identity that cannot log in, on its page", () => {
  it("says why, links to the wizard, and deletes after a confirmation", async () => {
    const fetch = stubApi({
      [stubKey(identityRoutes.delete, { identityId: halfMade.id })]: { body: { identity: halfMade } },
    });
    const onDeleted = vi.fn();
    renderInRouter(<UnfinishedIdentityNotice identity={halfMade} onDeleted={onDeleted} />);
    const notice = await screen.findByRole("note", { name: "Setup not finished" });
    expect(notice.textContent).toContain("half-made-bot cannot log in");
    expect(within(notice).getByRole("link", { name: "Finish setup of half-made-bot" }).getAttribute("href")).toBe(
      `/identities/new?step=2&identityId=${halfMade.id}`,
    );
    fireEvent.click(within(notice).getByRole("button", { name: "Delete identity" }));
    const dialog = await screen.findByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete identity" }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(fetch.mock.calls.some(([, init]) => init?.method === "DELETE")).toBe(true);
  });

  it("keeps the page and says so when the delete fails", async () => {
    const error = vi.spyOn(toast, "error");
    stubApi({
      [stubKey(identityRoutes.delete, { identityId: halfMade.id })]: {
        status: 409,
        body: { statusCode: 409, error: "Conflict", message: "Try again in a moment", requestId: "r1" },
      },
    });
    const onDeleted = vi.fn();
    renderInRouter(<UnfinishedIdentityNotice identity={halfMade} onDeleted={onDeleted} />);
    fireEvent.click(await screen.findByRole("button", { name: "Delete identity" }));
    const dialog = await screen.findByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete identity" }));
    await waitFor(() =>
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ message: "Try again in a moment" })),
    );
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
