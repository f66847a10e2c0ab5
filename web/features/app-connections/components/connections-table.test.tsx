import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appConnectionRoutes } from "#client/core/routes/app-connections.ts";
import type { AppConnection } from "#shared/schemas/app-connections.ts";
import { renderInRouter, stubApi } from "#web/lib/testing/render.tsx";
import { stubKey } from "#web/lib/testing/routes.ts";
import { ConnectionsTable } from "./connections-table.tsx";

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
});

const ORG = "5b0f6c7e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";
const at = "2026-12-01T10:00:00.000Z";
const connection: AppConnection = {
  id: "a1a1a1a1-1111-4111-8111-111111111111",
  name: "ci-keys",
  description: null,
  projectId: null,
  orgId: ORG,
  version: 1,
  app: "aws",
  method: "access-key",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE" },
  externalId: null,
  status: "connected",
  statusMessage: null,
  identityArn: "arn:aws:iam::123456789012:user/ci",
  lastCheckedAt: at,
  createdAt: at,
  updatedAt: at,
};

function renderTable(deleteAnswer: Parameters<typeof stubApi>[0][string], canManage = true) {
  const fetch = stubApi({
    [stubKey(appConnectionRoutes.list)]: { body: { appConnections: [connection] } },
    [stubKey(appConnectionRoutes.delete, { connectionId: connection.id })]: deleteAnswer,
  });
  renderInRouter(<ConnectionsTable scope={{ orgId: ORG, projectId: null }} canManage={canManage} />);
  return fetch;
}

// The menu's Radix code loads as it first opens and replaces the plain button it showed until then: `more()` is the
// button there is now.
const more = () => screen.getByRole("button", { name: "More actions for ci-keys" });

async function openDelete() {
  await screen.findByRole("button", { name: "More actions for ci-keys" });
  act(() => more().focus());
  fireEvent.keyDown(more(), { key: "Enter" });
  fireEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
  return { dialog: await screen.findByRole("alertdialog", { name: "Delete ci-keys?" }) };
}

describe("a connection's actions", () => {
  it("shows Test and Edit in words, and Delete only under a labelled More menu", async () => {
    renderTable({ body: { appConnection: connection } });
    const row = (await screen.findByText("ci-keys")).closest("tr")!;
    expect(within(row).getByRole("button", { name: "Test ci-keys" }).textContent).toBe("Test");
    expect(within(row).getByRole("button", { name: "Edit ci-keys" }).textContent).toBe("Edit");
    expect(within(row).getByRole("button", { name: "More actions for ci-keys" }).textContent).toBe("More");
    expect(within(row).queryByRole("button", { name: /Delete/ })).toBeNull();
    const named = within(row)
      .getAllByRole("button")
      .map((button) => button.textContent?.trim());
    expect(named.every(Boolean)).toBe(true);
  });

  it("keeps the server's refusal in the dialog, and gives focus back to More when it is closed", async () => {
    renderTable({
      status: 409,
      body: {
        statusCode: 409,
        error: "Conflict",
        message: "Dynamic secrets still use this connection: dev-admin",
        requestId: "r1",
      },
    });
    const { dialog } = await openDelete();
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete connection" }));
    expect(await within(dialog).findByText("Dynamic secrets still use this connection: dev-admin")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(more()));
  });

  it("deletes after the confirmation", async () => {
    const fetch = renderTable({ body: { appConnection: connection } });
    const { dialog } = await openDelete();
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete connection" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fetch.mock.calls.filter(([, init]) => init?.method === "DELETE")).toHaveLength(1);
  });

  it("offers no action on a connection managed elsewhere", async () => {
    renderTable({ body: { appConnection: connection } }, false);
    const row = (await screen.findByText("ci-keys")).closest("tr")!;
    expect(within(row).queryAllByRole("button")).toHaveLength(0);
  });
});
