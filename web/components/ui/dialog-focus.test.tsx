import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogTitle,
} from "#web/components/ui/alert-dialog.tsx";
import { Dialog, DialogClose, DialogContent, DialogTitle } from "#web/components/ui/dialog.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "#web/components/ui/dropdown-menu.tsx";
import { trackFocusOutsideOverlays } from "#web/lib/focus-tracking.ts";

afterEach(cleanup);

/** Radix hands focus back in a setTimeout(0) after the content unmounts. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)));

async function pressEscape() {
  fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
  await settle();
}

/** A dialog with no Trigger, opened by state: the Generate flow, a table row's action. */
function OpenedByState({ onCloseRemoveButton = false }: { onCloseRemoveButton?: boolean }) {
  const [open, setOpen] = useState(false);
  const [gone, setGone] = useState(false);
  return (
    <section>
      <h2>Leases</h2>
      {gone ? (
        <p>No active leases</p>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          Generate
        </button>
      )}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>Generate credentials</DialogTitle>
          <button
            type="button"
            onClick={() => {
              if (onCloseRemoveButton) setGone(true);
              setOpen(false);
            }}
          >
            Done
          </button>
        </DialogContent>
      </Dialog>
    </section>
  );
}

function MoreMenu() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger>More</DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuItem onSelect={() => setOpen(true)}>Delete</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <AlertDialog open={open} onOpenChange={setOpen}>
        <AlertDialogContent aria-describedby={undefined}>
          <AlertDialogTitle>Delete it?</AlertDialogTitle>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

function TwoSteps() {
  const [step, setStep] = useState<"none" | "ttl" | "credentials">("none");
  return (
    <>
      <button type="button" onClick={() => setStep("ttl")}>
        Generate
      </button>
      <Dialog open={step === "ttl"} onOpenChange={(open) => !open && setStep("none")}>
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>TTL</DialogTitle>
          <button type="button" onClick={() => setStep("credentials")}>
            Create lease
          </button>
        </DialogContent>
      </Dialog>
      <Dialog open={step === "credentials"} onOpenChange={(open) => !open && setStep("none")}>
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>Credentials</DialogTitle>
          <DialogClose>I have saved them</DialogClose>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** A dialog whose field takes focus as it mounts (autoFocus), as a lazy form does once its module is loaded. */
function AutoFocused() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Renew
      </button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>Renew lease</DialogTitle>
          <input aria-label="TTL" autoFocus />
        </DialogContent>
      </Dialog>
    </>
  );
}

function Custom() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <input aria-label="Elsewhere" />
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            screen.getByRole("textbox", { name: "Elsewhere" }).focus();
          }}
        >
          <DialogTitle>Custom</DialogTitle>
        </DialogContent>
      </Dialog>
    </>
  );
}

describe("dialogs return focus to what opened them", () => {
  it("a dialog opened by state returns focus to its button on Escape (Radix alone drops it to <body>)", async () => {
    render(<OpenedByState />);
    const button = screen.getByRole("button", { name: "Generate" });
    button.focus();
    fireEvent.click(button);
    await settle();
    expect(screen.getByRole("dialog", { name: "Generate credentials" }).contains(document.activeElement)).toBe(true);

    await pressEscape();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("when the button is gone (the row was revoked), focus goes to the nearest surviving heading", async () => {
    render(<OpenedByState onCloseRemoveButton />);
    const button = screen.getByRole("button", { name: "Generate" });
    button.focus();
    fireEvent.click(button);
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    await settle();

    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Leases" }));
    expect(document.activeElement?.getAttribute("tabindex")).toBe("-1");
  });

  it("a dialog opened from a menu item returns focus to the menu's button", async () => {
    trackFocusOutsideOverlays();
    render(<MoreMenu />);
    const more = screen.getByRole("button", { name: "More" });
    more.focus();
    fireEvent.keyDown(more, { key: "Enter" });
    await settle();
    fireEvent.click(screen.getByRole("menuitem", { name: "Delete" }));
    await settle();
    const confirm = screen.getByRole("alertdialog", { name: "Delete it?" });
    expect(confirm.contains(document.activeElement)).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await settle();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    // The menu's Radix code loaded as it opened and replaced the plain button: focus is on the button there is now.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "More" }));
  });

  it("after two dialogs in a row (a TTL, then the credentials), focus returns to the first one's opener", async () => {
    trackFocusOutsideOverlays();
    render(<TwoSteps />);
    const generate = screen.getByRole("button", { name: "Generate" });
    generate.focus();
    fireEvent.click(generate);
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Create lease" }));
    await settle();
    const credentials = screen.getByRole("dialog", { name: "Credentials" });
    expect(credentials.contains(document.activeElement)).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "I have saved them" }));
    await settle();
    expect(document.activeElement).toBe(generate);
  });

  it("a dialog whose field takes focus as it mounts still returns focus to its opener", async () => {
    trackFocusOutsideOverlays();
    render(<AutoFocused />);
    const renew = screen.getByRole("button", { name: "Renew" });
    renew.focus();
    fireEvent.click(renew);
    await settle();
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "TTL" }));
    await pressEscape();
    expect(document.activeElement).toBe(renew);
  });

  it("a caller's onCloseAutoFocus can take over", async () => {
    render(<Custom />);
    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    await settle();
    await pressEscape();
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Elsewhere" }));
  });
});
