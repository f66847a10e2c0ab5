import { clsx } from "clsx";
import { X } from "lucide-react";
import { AlertDialog as AlertDialogPrimitive, Dialog as DialogPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { useFocusReturn } from "#web/components/ui/use-focus-return.ts";

// Radix's dialog, alert dialog and sheet (focus trap, scroll lock, aria-hidden outside): loaded by lazy-dialog.tsx
// when a dialog first opens, not with the page. Each Root is rendered at its content's place, below the page's own
// trigger button, which therefore never changes (decision 1312).

export const DialogRoot = DialogPrimitive.Root;
export const AlertDialogRoot = AlertDialogPrimitive.Root;

const overlayClasses = "fixed inset-0 z-40 bg-black/50 backdrop-blur-[1px] data-[state=open]:animate-fade-in";
// On a phone nothing may widen the dialog past the screen: its one grid column may shrink below the content's
// widest part (minmax(0, 1fr)), and a long unbroken word (a generated username in a title) breaks anywhere.
const dialogPanelClasses = clsx(
  "fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-2rem)] grid-cols-[minmax(0,1fr)] -translate-x-1/2 -translate-y-1/2",
  "gap-4 [overflow-wrap:anywhere]",
  "rounded-xl border bg-popover p-6 text-popover-foreground shadow-xl data-[state=open]:animate-pop-in",
  "max-h-[calc(100dvh-2rem)] overflow-y-auto",
);

const dialogWidths = { md: "max-w-lg", lg: "max-w-2xl" } as const;
export type DialogContentProps = ComponentProps<typeof DialogPrimitive.Content> & { size?: keyof typeof dialogWidths };

/**
 * Focus is trapped inside (Radix); Escape closes it. On close focus returns to what opened it, also when the
 * dialog was opened by state rather than a Trigger (useFocusReturn).
 */
export function DialogContent({
  size = "md",
  className,
  children,
  ref,
  onCloseAutoFocus,
  ...props
}: DialogContentProps) {
  const focusReturn = useFocusReturn(ref, onCloseAutoFocus);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClasses} />
      <DialogPrimitive.Content
        className={clsx(dialogPanelClasses, dialogWidths[size], className)}
        {...props}
        {...focusReturn}
      >
        {children}
        <DialogPrimitive.Close
          className="absolute top-4 right-4 rounded-sm p-1 text-muted-foreground hover:text-foreground"
          aria-label="Close"
        >
          <X aria-hidden="true" className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export const DialogClose = DialogPrimitive.Close;

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={clsx("text-lg font-semibold", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={clsx("text-sm text-muted-foreground", className)} {...props} />;
}

/**
 * For destructive confirmations: unlike Dialog it has role="alertdialog", does not close on an outside click, and
 * puts initial focus on Cancel so Enter never deletes by accident. Focus returns to what opened it on close.
 */
export function AlertDialogContent({
  className,
  ref,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof AlertDialogPrimitive.Content>) {
  const focusReturn = useFocusReturn(ref, onCloseAutoFocus);
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className={overlayClasses} />
      <AlertDialogPrimitive.Content
        className={clsx(dialogPanelClasses, "max-w-lg", className)}
        {...props}
        {...focusReturn}
      />
    </AlertDialogPrimitive.Portal>
  );
}

export const AlertDialogCancel = AlertDialogPrimitive.Cancel;

export function AlertDialogTitle({ className, ...props }: ComponentProps<typeof AlertDialogPrimitive.Title>) {
  return <AlertDialogPrimitive.Title className={clsx("text-lg font-semibold", className)} {...props} />;
}

export function AlertDialogDescription({
  className,
  ...props
}: ComponentProps<typeof AlertDialogPrimitive.Description>) {
  return <AlertDialogPrimitive.Description className={clsx("text-sm text-muted-foreground", className)} {...props} />;
}

/**
 * A panel that slides over the page from the left edge (the navigation menu on narrow screens): a modal dialog, so
 * focus is trapped inside, Escape and a click outside close it, and focus returns to the button that opened it
 * unless the caller's onCloseAutoFocus takes over (a link in it went to another page).
 */
export function SheetContent({
  className,
  children,
  ref,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content>) {
  const focusReturn = useFocusReturn(ref, onCloseAutoFocus);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClasses} />
      <DialogPrimitive.Content
        className={clsx(
          "fixed inset-y-0 left-0 z-50 flex w-[min(20rem,calc(100vw-3rem))] flex-col gap-6 overflow-y-auto",
          "border-r bg-sidebar p-4 shadow-xl data-[state=open]:animate-fade-in",
          className,
        )}
        {...props}
        {...focusReturn}
      >
        {children}
        <DialogPrimitive.Close
          className="absolute top-3 right-3 rounded-sm p-1.5 text-muted-foreground hover:text-foreground"
          aria-label="Close menu"
        >
          <X aria-hidden="true" className="size-4" />
        </DialogPrimitive.Close>
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export const SheetTitle = DialogPrimitive.Title;
