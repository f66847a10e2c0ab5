import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamicSecretRoutes } from "#client/core/routes/dynamic-secrets.ts";
import { Button } from "#web/components/ui/button.tsx";
import { failure, renderInRouter, sent, settle, stubApi, typeInto, writes } from "#web/lib/testing/render.tsx";
import { pathPattern, stubKey } from "#web/lib/testing/routes.ts";
import { LOCATION, secretFixture } from "../dynamic-secrets.fixtures.tsx";
import { DeleteDynamicSecretDialog } from "./delete-dynamic-secret-dialog.tsx";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const DELETE = pathPattern(dynamicSecretRoutes.delete, { name: "dev-admin" });
const secret = secretFixture({ activeLeaseCount: 2 });

async function openDelete(answers: Parameters<typeof stubApi>[0][string][]) {
  let call = 0;
  const fetch = stubApi({
    [stubKey(dynamicSecretRoutes.delete, { name: "dev-admin" })]: () => answers[call++]! as never,
  });
  renderInRouter(<DeleteDynamicSecretDialog location={LOCATION} secret={secret} trigger={<Button>Delete</Button>} />, {
    toaster: true,
  });
  const trigger = await screen.findByRole("button", { name: "Delete" });
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("alertdialog", { name: "Delete dynamic secret “dev-admin”?" });
  return { fetch, trigger, dialog };
}

const confirmWith = async (dialog: HTMLElement, label: string) => {
  typeInto(within(dialog).getByRole("textbox", { name: "Type dev-admin to confirm" }), "dev-admin");
  await act(async () => fireEvent.click(within(dialog).getByRole("button", { name: label })));
};

describe("DeleteDynamicSecretDialog", () => {
  it("says its leases are revoked first, needs the name typed, and Cancel deletes nothing", async () => {
    const { fetch, trigger, dialog } = await openDelete([]);
    expect(dialog.textContent).toContain("Its 2 active leases are revoked first");
    expect((within(dialog).getByRole("button", { name: "Delete dynamic secret" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(document.activeElement).toBe(trigger);
    expect(writes(fetch)).toHaveLength(0);
  });

  it("deletes at the page's location, not forced", async () => {
    const { fetch } = await openDelete([{ body: { dynamicSecret: secret } }]);
    await confirmWith(screen.getByRole("alertdialog"), "Delete dynamic secret");
    expect(await screen.findByText("Dynamic secret “dev-admin” deleted")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(sent(fetch, "DELETE", DELETE).map((request) => request.body)).toEqual([{ ...LOCATION, isForced: false }]);
  });

  it("when AWS refuses a cleanup, explains the forced delete and sends it only when chosen", async () => {
    const refused = failure(409, "2 leases could not be revoked: AccessDenied.", { reasonCode: "leases_not_revoked" });
    const { fetch, dialog } = await openDelete([refused, { body: { dynamicSecret: secret } }]);
    await confirmWith(dialog, "Delete dynamic secret");
    const forced = await screen.findByRole("alertdialog", { name: "Delete “dev-admin” anyway?" });
    expect(forced.textContent).toContain("2 leases could not be revoked: AccessDenied.");
    expect(forced.textContent).toContain("without confirmed cleanup");
    expect(await screen.findByText(/Some leases could not be revoked/)).toBeTruthy();
    fireEvent.click(within(forced).getByRole("button", { name: "Delete anyway" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(sent(fetch, "DELETE", DELETE).map((request) => (request.body as { isForced: boolean }).isForced)).toEqual([
      false,
      true,
    ]);
  });

  it("any other failure is shown as it is, and the dialog stays to retry", async () => {
    await openDelete([failure(403, "Only project admins can delete dynamic secrets")]);
    await confirmWith(screen.getByRole("alertdialog"), "Delete dynamic secret");
    expect(await screen.findByText("Only project admins can delete dynamic secrets")).toBeTruthy();
    expect(screen.getByRole("alertdialog", { name: "Delete dynamic secret “dev-admin”?" })).toBeTruthy();
  });
});
