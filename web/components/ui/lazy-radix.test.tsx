import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Menus and tooltips load Radix when first used (decision 1312). Each test imports them afresh, so each starts with
// Radix not loaded, as a page does.

type MenuModule = typeof import("#web/components/ui/dropdown-menu.tsx");
type TooltipModule = typeof import("#web/components/ui/tooltip.tsx");
type DialogModule = typeof import("#web/components/ui/dialog.tsx");
type AlertDialogModule = typeof import("#web/components/ui/alert-dialog.tsx");
let menu: MenuModule;
let tip: TooltipModule;
let dialog: DialogModule;
let alert: AlertDialogModule;

beforeEach(async () => {
  // Radix's popper measures its trigger; jsdom has no ResizeObserver.
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.resetModules();
  menu = await import("#web/components/ui/dropdown-menu.tsx");
  tip = await import("#web/components/ui/tooltip.tsx");
  dialog = await import("#web/components/ui/dialog.tsx");
  alert = await import("#web/components/ui/alert-dialog.tsx");
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Menu({ onDelete = () => {} }: { onDelete?: () => void }) {
  const { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } = menu;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="trigger">More</DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem disabled>Rename</DropdownMenuItem>
        <DropdownMenuItem onSelect={onDelete}>Delete</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

// While the menu is open, the rest of the page is hidden from assistive technology (a modal menu).
const button = () => screen.getByRole("button", { name: "More", hidden: true });

describe("a dropdown menu before its Radix code is loaded", () => {
  it("is a button that says it opens a menu, with no items in the page", () => {
    render(<Menu />);
    expect(button().getAttribute("aria-haspopup")).toBe("menu");
    expect(button().getAttribute("aria-expanded")).toBe("false");
    expect(button().className).toBe("trigger");
    expect(screen.queryByRole("menuitem")).toBeNull();
  });

  it("opens from the keyboard with the first usable item focused, and gives focus back on Escape", async () => {
    render(<Menu />);
    act(() => button().focus());
    fireEvent.keyDown(button(), { key: "ArrowDown" });
    const remove = await screen.findByRole("menuitem", { name: "Delete" });
    await waitFor(() => expect(document.activeElement).toBe(remove));
    expect(button().getAttribute("aria-expanded")).toBe("true");

    fireEvent.keyDown(remove, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("menu")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(button()));
  });

  it("opens on a primary press, and its items act", async () => {
    const onDelete = vi.fn();
    render(<Menu onDelete={onDelete} />);
    fireEvent.pointerDown(button(), { button: 2, ctrlKey: false, pointerType: "mouse" });
    expect(screen.queryByRole("menu")).toBeNull();
    fireEvent.pointerDown(button(), { button: 0, ctrlKey: false, pointerType: "mouse" });
    fireEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
    expect(onDelete).toHaveBeenCalledTimes(1);
  });
});

describe("a tooltip before its Radix code is loaded", () => {
  it("keeps its trigger as it is, then hands focus to Radix's, which shows the hint", async () => {
    render(
      <tip.Tooltip content="The lease has reached its max TTL">
        <button type="button">Renew</button>
      </tip.Tooltip>,
    );
    expect(screen.queryByRole("tooltip")).toBeNull();
    act(() => screen.getByRole("button", { name: "Renew" }).focus());
    expect((await screen.findByRole("tooltip")).textContent).toContain("The lease has reached its max TTL");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Renew" }));
  });

  it("does not take focus back when it has moved on before Radix arrived", async () => {
    render(
      <>
        <tip.Tooltip content="Hint">
          <button type="button">Renew</button>
        </tip.Tooltip>
        <button type="button">Next</button>
      </>,
    );
    act(() => screen.getByRole("button", { name: "Renew" }).focus());
    act(() => screen.getByRole("button", { name: "Next" }).focus());
    await act(() => import("#web/components/ui/tooltip-radix.tsx"));
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Next" }));
  });
});

function Edit() {
  const { Dialog, DialogContent, DialogTitle, DialogTrigger } = dialog;
  return (
    <Dialog>
      <DialogTrigger>Edit</DialogTrigger>
      <DialogContent aria-describedby={undefined}>
        <DialogTitle>Edit the secret</DialogTitle>
        <input aria-label="Name" />
      </DialogContent>
    </Dialog>
  );
}

describe("a dialog before its Radix code is loaded", () => {
  it("has the page's own trigger, which opens it, keeps its place, and gets focus back on close", async () => {
    render(<Edit />);
    const edit = screen.getByRole("button", { name: "Edit" });
    expect([edit.getAttribute("aria-haspopup"), edit.getAttribute("aria-expanded")]).toEqual(["dialog", "false"]);
    act(() => edit.focus());
    fireEvent.click(edit);
    const opened = await screen.findByRole("dialog", { name: "Edit the secret" });
    await waitFor(() => expect(opened.contains(document.activeElement)).toBe(true));
    expect(edit.getAttribute("aria-expanded")).toBe("true");
    expect(edit.getAttribute("aria-controls")).toBe(opened.id);

    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The same element: the trigger was never replaced.
    await waitFor(() => expect(document.activeElement).toBe(edit));
    expect(edit.getAttribute("aria-expanded")).toBe("false");
  });

  it("as an alert dialog opened by state, puts focus on Cancel", async () => {
    const { AlertDialog, AlertDialogCancel, AlertDialogContent, AlertDialogTitle } = alert;
    render(
      <AlertDialog open onOpenChange={() => {}}>
        <AlertDialogContent aria-describedby={undefined}>
          <AlertDialogTitle>Delete it?</AlertDialogTitle>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <button type="button">Delete</button>
        </AlertDialogContent>
      </AlertDialog>,
    );
    await screen.findByRole("alertdialog", { name: "Delete it?" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" })));
  });
});
