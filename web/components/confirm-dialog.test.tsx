import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LeaseholdError } from "#client/core/errors.ts";
import { ConfirmDialog } from "#web/components/confirm-dialog.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Toaster } from "#web/components/ui/toaster.tsx";
import { settle } from "#web/lib/testing/render.tsx";

afterEach(cleanup);

function renderConfirm(onConfirm: () => Promise<unknown>, typeToConfirm?: string) {
  render(
    <>
      <ConfirmDialog
        trigger={<Button>Delete project</Button>}
        title="Delete Payments?"
        description="Its environments and secrets go with it."
        confirmLabel="Delete project"
        typeToConfirm={typeToConfirm}
        onConfirm={onConfirm}
      />
      <Toaster />
    </>,
  );
  return screen.getByRole("button", { name: "Delete project" });
}

async function open(trigger: HTMLElement) {
  act(() => trigger.focus());
  fireEvent.click(trigger);
  const dialog = await screen.findByRole("alertdialog", { name: "Delete Payments?" });
  expect(dialog.textContent).toContain("Its environments and secrets go with it.");
  return dialog;
}

describe("ConfirmDialog", () => {
  it("asks first; Cancel closes it without acting and gives focus back to the button that opened it", async () => {
    const onConfirm = vi.fn(async () => {});
    const trigger = renderConfirm(onConfirm);
    const dialog = await open(trigger);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(trigger);
  });

  it("Escape closes it without acting too", async () => {
    const onConfirm = vi.fn(async () => {});
    const trigger = renderConfirm(onConfirm);
    await open(trigger);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    await settle();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(trigger);
  });

  it("stays open and locked while the request runs, then closes once it succeeds", async () => {
    let finish = () => {};
    const onConfirm = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const trigger = renderConfirm(onConfirm);
    const dialog = await open(trigger);
    const confirm = within(dialog).getByRole("button", { name: "Delete project" }) as HTMLButtonElement;
    fireEvent.click(confirm);
    await waitFor(() => expect(confirm.disabled).toBe(true));
    expect(confirm.getAttribute("aria-busy")).toBe("true");
    expect((within(dialog).getByRole("button", { name: "Cancel" }) as HTMLButtonElement).disabled).toBe(true);
    // Escape cannot close it mid-request: the person would not learn how it ended.
    fireEvent.keyDown(confirm, { key: "Escape" });
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);

    await act(async () => finish());
    await settle();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it("on failure shows the server's message with its request ID and stays open to retry", async () => {
    const onConfirm = vi
      .fn<() => Promise<unknown>>()
      .mockRejectedValueOnce(
        new LeaseholdError({
          statusCode: 409,
          error: "Conflict",
          message: "The project still has leases",
          requestId: "r-9",
        }),
      )
      .mockResolvedValueOnce(undefined);
    const trigger = renderConfirm(onConfirm);
    const dialog = await open(trigger);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete project" }));
    expect(await screen.findByText("The project still has leases")).toBeTruthy();
    expect(screen.getByText("Request ID: r-9")).toBeTruthy();
    const confirm = within(dialog).getByRole("button", { name: "Delete project" }) as HTMLButtonElement;
    await waitFor(() => expect(confirm.disabled).toBe(false));

    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });

  it("with a name to type, unlocks only on the exact name, and forgets what was typed when cancelled", async () => {
    const onConfirm = vi.fn(async () => {});
    const trigger = renderConfirm(onConfirm, "payments");
    const dialog = await open(trigger);
    const typed = within(dialog).getByRole("textbox", { name: "Type payments to confirm" });
    const confirm = within(dialog).getByRole("button", { name: "Delete project" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(typed, { target: { value: "Payments" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(typed, { target: { value: "payments" } });
    expect(confirm.disabled).toBe(false);

    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await settle();
    const again = await open(trigger);
    expect((within(again).getByRole("textbox") as HTMLInputElement).value).toBe("");
    expect((within(again).getByRole("button", { name: "Delete project" }) as HTMLButtonElement).disabled).toBe(true);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
