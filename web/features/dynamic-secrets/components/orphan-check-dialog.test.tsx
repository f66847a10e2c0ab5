import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import { failure, never, renderInRouter, sent, settle, stubApi, writes } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { LOCATION, secretFixture } from "../dynamic-secrets.fixtures.tsx";
import { OrphanCheckDialog } from "./orphan-check-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LIST = stubKey(dynamicSecretRoutes.listOrphans, { name: "dev-admin" });
const DELETE = stubKey(dynamicSecretRoutes.deleteOrphans, { name: "dev-admin" });
const orphan = (username: string, leaseId: string | null) => ({
  username,
  arn: `arn:aws:iam::123456789012:user/leasehold/${username}`,
  path: "/leasehold/",
  createdAt: "2026-12-01T10:00:00.000Z",
  leaseId,
});
const found = { body: { orphans: [orphan("leasehold-aa11", "lease-1"), orphan("leasehold-bb22", null)] } };

async function openCheck(routes: Parameters<typeof stubApi>[0]) {
  const fetch = stubApi(routes);
  renderInRouter(
    <OrphanCheckDialog location={LOCATION} secret={secretFixture()} trigger={<Button>Orphan check</Button>} />,
    { toaster: true },
  );
  const trigger = await screen.findByRole("button", { name: "Orphan check" });
  // Nothing is asked of AWS until the dialog opens.
  expect(fetch).not.toHaveBeenCalled();
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("dialog", { name: "Orphan check: “dev-admin”" });
  return { fetch, trigger, dialog };
}

describe("OrphanCheckDialog", () => {
  it("says it is looking, then that there is nothing to delete; Close returns focus", async () => {
    const { trigger, dialog } = await openCheck({ [LIST]: { body: { orphans: [] } } });
    expect(dialog.textContent).toContain("IAM users under /leasehold/ tagged leasehold:managed");
    expect(await within(dialog).findByText(/No orphaned IAM users/)).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: /selected/ })).toBeNull();
    // The footer's Close, in words (the corner's × is a second one).
    const close = within(dialog)
      .getAllByRole("button", { name: "Close" })
      .find((button) => button.textContent === "Close")!;
    fireEvent.click(close);
    await settle();
    expect(document.activeElement).toBe(trigger);
  });

  it("shows a loading state while AWS is asked, and the server's message when it fails", async () => {
    const { dialog } = await openCheck({ [LIST]: never });
    expect(within(dialog).getByRole("status", { name: "Looking for orphaned users" })).toBeTruthy();
    cleanup();
    const failed = await openCheck({ [LIST]: failure(502, "AWS refused iam:ListUsers") });
    expect((await within(failed.dialog).findByRole("alert")).textContent).toContain("AWS refused iam:ListUsers");
  });

  it("deletes only the users chosen, and reports each that AWS refused", async () => {
    const { fetch, dialog } = await openCheck({
      [LIST]: found,
      [DELETE]: {
        body: {
          deleted: ["leasehold-aa11"],
          failed: [{ username: "leasehold-bb22", message: "AccessDenied: iam:DeleteUser" }],
        },
      },
    });
    const first = (await within(dialog).findByRole("checkbox", { name: /leasehold-aa11/ })) as HTMLInputElement;
    const second = within(dialog).getByRole("checkbox", { name: /leasehold-bb22/ }) as HTMLInputElement;
    expect(within(dialog).getByText(/no lease tag/)).toBeTruthy();
    const deleteButton = () => within(dialog).getByRole("button", { name: /selected$/ }) as HTMLButtonElement;
    expect(deleteButton().disabled).toBe(true);
    expect(writes(fetch)).toHaveLength(0);

    fireEvent.click(first);
    fireEvent.click(second);
    expect(deleteButton().textContent).toBe("Delete 2 selected");
    fireEvent.click(second);
    expect(deleteButton().textContent).toBe("Delete 1 selected");
    fireEvent.click(second);
    await act(async () => fireEvent.click(deleteButton()));
    expect(await screen.findByText("Deleted 1 IAM user")).toBeTruthy();
    expect(screen.getByText("leasehold-bb22: AccessDenied: iam:DeleteUser")).toBeTruthy();
    expect(sent(fetch, "POST", /\/orphans\/delete$/).map((request) => request.body)).toEqual([
      { ...LOCATION, usernames: ["leasehold-aa11", "leasehold-bb22"] },
    ]);
    // The list is asked again, and the choice is cleared.
    await waitFor(() => expect(sent(fetch, "GET", /\/orphans$/).length).toBeGreaterThan(1));
    expect(first.checked).toBe(false);
  });

  it("keeps the choice when the delete fails, and says why", async () => {
    const { dialog } = await openCheck({ [LIST]: found, [DELETE]: failure(403, "Only project admins can delete") });
    const first = (await within(dialog).findByRole("checkbox", { name: /leasehold-aa11/ })) as HTMLInputElement;
    fireEvent.click(first);
    await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: "Delete 1 selected" })));
    expect(await screen.findByText("Only project admins can delete")).toBeTruthy();
    expect(first.checked).toBe(true);
  });
});
