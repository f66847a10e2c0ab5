import { clsx } from "clsx";
import { DropdownMenu as MenuPrimitive } from "radix-ui";
import { type ComponentProps, useEffect, useRef } from "react";

// Radix's dropdown menu, with its positioning code (floating-ui): loaded by dropdown-menu.tsx when a menu is about to
// open, not with the page.

export const DropdownMenu = MenuPrimitive.Root;
export const DropdownMenuTrigger = MenuPrimitive.Trigger;

export function DropdownMenuContent({
  className,
  sideOffset = 6,
  focusFirstItem = false,
  children,
  ...props
}: ComponentProps<typeof MenuPrimitive.Content> & {
  /**
   * Opened from the keyboard before this module was loaded: Radix missed that keypress (it listens from its first
   * render on), so it would focus the menu rather than its first item as it does for a keyboard user.
   */
  focusFirstItem?: boolean;
}) {
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        sideOffset={sideOffset}
        className={clsx(
          "z-50 min-w-48 rounded-lg border bg-popover p-1 text-popover-foreground shadow-lg " +
            "data-[state=open]:animate-fade-in",
          className,
        )}
        {...props}
      >
        {focusFirstItem ? <FocusFirstItem /> : null}
        {children}
      </MenuPrimitive.Content>
    </MenuPrimitive.Portal>
  );
}

/**
 * Focuses the menu's first item as it opens. Its effect runs before the menu's focus scope (an ancestor's) moves focus
 * in, which then keeps a focus already inside.
 */
function FocusFirstItem() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const menu = marker.current?.closest('[role="menu"]');
    menu?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus({ preventScroll: true });
  }, []);
  return <span ref={marker} hidden />;
}

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof MenuPrimitive.Item>) {
  return (
    <MenuPrimitive.Item
      className={clsx(
        "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none",
        "data-[disabled]:pointer-events-none data-[disabled]:opacity-50 " +
          "data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground",
        "[&_svg]:size-4 [&_svg]:text-muted-foreground",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof MenuPrimitive.Label>) {
  return <MenuPrimitive.Label className={clsx("px-2 py-1.5 text-sm", className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: ComponentProps<typeof MenuPrimitive.Separator>) {
  return <MenuPrimitive.Separator className={clsx("-mx-1 my-1 h-px bg-border", className)} {...props} />;
}
