import { clsx } from "clsx";
import {
  type ComponentProps,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
} from "react";
import { slot } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";

// Dialogs (dialog, alert dialog, sheet) whose Radix code (focus trap, scroll lock, dismissable layer: ~11 kB as
// served) loads when one first opens, not with every page that could open one (decision 1312). The root and the
// trigger are the page's own: the root keeps the open state, the trigger is a button that says it opens a dialog
// and never changes, so focus can return to it. The content renders Radix's root and content once loaded.

type Radix = typeof import("#web/components/ui/dialog-radix.tsx");
let radix: Radix | undefined;
let loading: Promise<Radix> | undefined;

export function loadDialogRadix(): Promise<Radix> {
  loading ??= import("#web/components/ui/dialog-radix.tsx").then((module) => {
    radix = module;
    return module;
  });
  loading.catch(() => {
    loading = undefined; // tried again on the next opening
  });
  return loading;
}
const preload = () => void loadDialogRadix().catch(() => {});

interface Shell {
  /** The content's id, which the trigger names in aria-controls (return-focus.ts finds the opener by it). */
  contentId: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  modal: boolean | undefined;
}
const ShellContext = createContext<Shell | null>(null);

function useShell(part: string): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error(`${part} must be inside its dialog`);
  return shell;
}

interface DialogRootProps {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  modal?: boolean;
  children?: ReactNode;
}

/**
 * The root of a dialog, alert dialog or sheet: the open state, controlled (`open`, `onOpenChange`) or its own, as
 * Radix's Root takes it.
 */
export function Dialog({ open, defaultOpen = false, onOpenChange, modal, children }: DialogRootProps) {
  const [own, setOwn] = useState(defaultOpen);
  const isOpen = open ?? own;
  const setOpen = useCallback(
    (next: boolean) => {
      if (open === undefined) setOwn(next);
      onOpenChange?.(next);
    },
    [open, onOpenChange],
  );
  const contentId = useId();
  const shell = useMemo(() => ({ contentId, open: isOpen, setOpen, modal }), [contentId, isOpen, setOpen, modal]);
  return <ShellContext.Provider value={shell}>{children}</ShellContext.Provider>;
}

/** What Radix's Trigger is: a button that says it opens a dialog and whether it is open, and toggles it. */
export function DialogTrigger({
  asChild = false,
  children,
  onClick,
  ...props
}: ComponentProps<"button"> & { asChild?: boolean }) {
  const shell = useShell("A dialog trigger");
  const trigger = {
    type: "button" as const,
    ...props,
    "aria-haspopup": "dialog" as const,
    "aria-expanded": shell.open,
    "aria-controls": shell.contentId,
    "data-state": shell.open ? "open" : "closed",
    onPointerEnter: preload,
    onFocus: preload,
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      onClick?.(event);
      if (!event.defaultPrevented) shell.setOpen(!shell.open);
    },
  };
  return asChild ? slot(children, trigger) : <button {...trigger}>{children}</button>;
}

/**
 * For a dialog's content: Radix's module once the dialog is open (imported then, the first time), with the shell's
 * state to give its root. Until it has arrived the dialog shows nothing; focus stays on what opened it, which is
 * where Radix then takes it from (and returns it to).
 */
function useDialogRadix(part: string): { radix: Radix | undefined; shell: Shell } {
  const shell = useShell(part);
  const [loaded, setLoaded] = useState(radix);
  useEffect(() => {
    if (!shell.open || loaded) return;
    let live = true;
    loadDialogRadix().then(
      (module) => live && setLoaded(module),
      () => {
        if (!live) return;
        shell.setOpen(false);
        toast.error("This dialog could not be loaded. Check the connection, or reload the page.");
      },
    );
    return () => {
      live = false;
    };
  }, [shell, loaded]);
  return { radix: loaded, shell };
}

/** For the parts inside a dialog's content (title, description, close): Radix is loaded by then. */
function loadedDialogRadix(part: string): Radix {
  if (!radix) throw new Error(`${part} must be inside its dialog's content`);
  return radix;
}

// A modal dialog. Focus is trapped inside, Escape closes it, and on close focus returns to what opened it, also when
// it was opened by state rather than a Trigger.

export function DialogContent(props: ComponentProps<Radix["DialogContent"]>) {
  const { radix, shell } = useDialogRadix("DialogContent");
  if (!radix) return null;
  return (
    <radix.DialogRoot open={shell.open} onOpenChange={shell.setOpen} modal={shell.modal}>
      <radix.DialogContent id={shell.contentId} {...props} />
    </radix.DialogRoot>
  );
}

export function DialogClose(props: ComponentProps<Radix["DialogClose"]>) {
  const radix = loadedDialogRadix("DialogClose");
  return <radix.DialogClose {...props} />;
}

export function DialogTitle(props: ComponentProps<Radix["DialogTitle"]>) {
  const radix = loadedDialogRadix("DialogTitle");
  return <radix.DialogTitle {...props} />;
}

export function DialogDescription(props: ComponentProps<Radix["DialogDescription"]>) {
  const radix = loadedDialogRadix("DialogDescription");
  return <radix.DialogDescription {...props} />;
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("grid gap-1.5 pr-6", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

// For destructive confirmations: unlike Dialog it has role="alertdialog", does not close on an outside click, and
// puts initial focus on Cancel so Enter never deletes by accident.

export function AlertDialogContent(props: ComponentProps<Radix["AlertDialogContent"]>) {
  const { radix, shell } = useDialogRadix("AlertDialogContent");
  if (!radix) return null;
  return (
    <radix.AlertDialogRoot open={shell.open} onOpenChange={shell.setOpen}>
      <radix.AlertDialogContent id={shell.contentId} {...props} />
    </radix.AlertDialogRoot>
  );
}

export function AlertDialogCancel(props: ComponentProps<Radix["AlertDialogCancel"]>) {
  const radix = loadedDialogRadix("AlertDialogCancel");
  return <radix.AlertDialogCancel {...props} />;
}

export function AlertDialogTitle(props: ComponentProps<Radix["AlertDialogTitle"]>) {
  const radix = loadedDialogRadix("AlertDialogTitle");
  return <radix.AlertDialogTitle {...props} />;
}

export function AlertDialogDescription(props: ComponentProps<Radix["AlertDialogDescription"]>) {
  const radix = loadedDialogRadix("AlertDialogDescription");
  return <radix.AlertDialogDescription {...props} />;
}

export function AlertDialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("grid gap-1.5", className)} {...props} />;
}

export function AlertDialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

// A panel that slides over the page from the left edge: the navigation menu on narrow screens. Focus returns to its
// button on close unless the caller's onCloseAutoFocus takes over (a link in it went to another page).

export function SheetContent(props: ComponentProps<Radix["SheetContent"]>) {
  const { radix, shell } = useDialogRadix("SheetContent");
  if (!radix) return null;
  return (
    <radix.DialogRoot open={shell.open} onOpenChange={shell.setOpen} modal={shell.modal}>
      <radix.SheetContent id={shell.contentId} {...props} />
    </radix.DialogRoot>
  );
}

export function SheetTitle(props: ComponentProps<Radix["SheetTitle"]>) {
  const radix = loadedDialogRadix("SheetTitle");
  return <radix.SheetTitle {...props} />;
}
