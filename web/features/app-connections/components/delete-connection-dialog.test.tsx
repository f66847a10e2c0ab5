import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import {
  failure,
  renderInRouter,
  sent,
  settle,
  stubApi,
  stubResizeObserver,
  writes,
} from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { accessKeyConnectionFixture } from "../app-connections.fixtures.ts";
import { ConnectionRowActions } from "./connection-row-actions.tsx";

beforeEach(stubResizeObserver);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const connection = accessKeyConnectionFixture();
const DELETE = pathPattern(appConnectionRoutes.delete, { connectionId: connection.id });

function renderRow(answer: Parameters<typeof stubApi>[0][string]) {
  const fetch = stubApi({ [stubKey(appConnectionRoutes.delete, { connectionId: connection.id })]: answer });
  renderInRouter(<ConnectionRowActions connection={connection} />, { toaster: true });
  return fetch;
}

/** The dialog is opened from the row's More menu, as a person does. */
async function openDelete() {
  const more = await screen.findByRole("button", { name: "More actions for ci-keys" });
  act(() => more.focus());
  fireEvent.keyDown(more, { key: "Enter" });
  fireEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
  const dialog = await screen.findByRole("alertdialog", { name: "Delete ci-keys?" });
  return { more, dialog };
}

describe("DeleteConnectionDialog", () => {
  it("says what is forgotten and what is not; Cancel sends nothing and returns focus to More", async () => {
    const fetch = renderRow({ body: { appConnection: connection } });
    const { more, dialog } = await openDelete();
    expect(dialog.textContent).toContain("Leasehold forgets this connection and its stored key");
    expect(dialog.textContent).toContain("Nothing changes in AWS");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(more));
    expect(writes(fetch)).toHaveLength(0);
  });

  it("deletes once, locked while it runs, then closes and says so", async () => {
    let answer = (_: { body: unknown }) => {};
    const fetch = renderRow(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    const { more, dialog } = await openDelete();
    const confirm = within(dialog).getByRole("button", { name: "Delete connection" }) as HTMLButtonElement;
    fireEvent.click(confirm);
    await waitFor(() => expect(confirm.disabled).toBe(true));
    expect((within(dialog).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(confirm, { key: "Escape" });
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    await act(async () => answer({ body: { appConnection: connection } }));
    expect(await screen.findByText("Connection ci-keys deleted")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(sent(fetch, "DELETE", DELETE)).toHaveLength(1);
    expect(sent(fetch, "DELETE", DELETE)[0]!.body).toBeUndefined();
    await settle();
    await waitFor(() => expect(document.activeElement).toBe(more));
  });

  it("keeps the server's refusal in the dialog, and forgets it when the dialog is opened again", async () => {
    renderRow(failure(409, "Dynamic secrets still use this connection: dev-admin"));
    const first = await openDelete();
    fireEvent.click(within(first.dialog).getByRole("button", { name: "Delete connection" }));
    expect(await within(first.dialog).findByRole("alert")).toBeTruthy();
    expect(first.dialog.textContent).toContain("Dynamic secrets still use this connection: dev-admin");
    fireEvent.click(within(first.dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await settle();

    const second = await openDelete();
    expect(within(second.dialog).queryByRole("alert")).toBeNull();
  });
});
