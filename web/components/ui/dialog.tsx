import { clsx } from "clsx";
import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { useFocusReturn } from "#web/components/ui/use-focus-return.ts";

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

export const overlayClasses = "fixed inset-0 z-40 bg-black/50 backdrop-blur-[1px] data-[state=open]:animate-fade-in";
// On a phone nothing may widen the dialog past the screen: its one grid column may shrink below the content's
// widest part (minmax(0, 1fr)), and a long unbroken word (a generated username in a title) breaks anywhere.
export const dialogPanelClasses = clsx(
  "fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-2rem)] grid-cols-[minmax(0,1fr)] -translate-x-1/2 -translate-y-1/2",
  "gap-4 [overflow-wrap:anywhere]",
  "rounded-xl border bg-popover p-6 text-popover-foreground shadow-xl data-[state=open]:animate-pop-in",
  "max-h-[calc(100dvh-2rem)] overflow-y-auto",
);

const dialogWidths = { md: "max-w-lg", lg: "max-w-2xl" } as const;

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
}: ComponentProps<typeof DialogPrimitive.Content> & { size?: keyof typeof dialogWidths }) {
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

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("grid gap-1.5 pr-6", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={clsx("flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={clsx("text-lg font-semibold", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={clsx("text-sm text-muted-foreground", className)} {...props} />;
}
