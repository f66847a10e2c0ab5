import { clsx } from "clsx";
import { X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { overlayClasses } from "#web/components/ui/dialog.tsx";
import { useFocusReturn } from "#web/components/ui/use-focus-return.ts";

/** A panel that slides over the page from the left edge: the navigation menu on narrow screens. */
export const Sheet = DialogPrimitive.Root;
export const SheetTrigger = DialogPrimitive.Trigger;
export const SheetTitle = DialogPrimitive.Title;

/**
 * A modal dialog (Radix): focus is trapped inside, Escape and a click outside close it, and focus returns to the
 * trigger on close unless the caller's onCloseAutoFocus takes over (a link in it went to another page).
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
