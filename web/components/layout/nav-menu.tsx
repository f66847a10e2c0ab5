import { useRouterState } from "@tanstack/react-router";
import { Menu } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { SidebarNav } from "#web/components/layout/sidebar-nav.tsx";
import { ThemeToggle } from "#web/components/layout/theme-toggle.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "#web/components/ui/sheet.tsx";
import { canTakeFocus, focusElement, pageHeading, whenPresent } from "#web/lib/focus.ts";

/**
 * The main navigation on narrow screens: a Menu button that opens the same links as the sidebar in a sheet.
 * Escape, the close button or a click outside close it and focus returns to the button; following a link
 * closes it and focus goes to the new page's heading instead. The sheet traps focus until it has closed, so
 * web/lib/route-focus.ts cannot move it while the sheet animates out; on close, this waits for the new page's
 * heading (not the old page's, which may still be there while the new page loads) and focuses it.
 */
export function NavMenu({ organizationName }: { organizationName: string }) {
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const leftForPage = useRef(false);
  /** The heading of the page the menu was opened on: the one not to focus after leaving it. */
  const headingLeft = useRef<HTMLElement | null>(null);

  // Any change of page (a link here, Back in the browser) closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not read inside
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  return (
    <Sheet
      open={open}
      onOpenChange={(next) => {
        if (next) leftForPage.current = false;
        setOpen(next);
      }}
    >
      <SheetTrigger asChild>
        <Button variant="outline" size="sm">
          <Menu aria-hidden="true" />
          Menu
        </Button>
      </SheetTrigger>
      <SheetContent
        aria-describedby={undefined}
        onCloseAutoFocus={(event) => {
          if (!leftForPage.current) return;
          event.preventDefault();
          const left = headingLeft.current;
          whenPresent(
            () => {
              const heading = pageHeading();
              return heading !== left && canTakeFocus(heading) ? heading : null;
            },
            (heading) => {
              // Someone put focus elsewhere on the new page meanwhile (an autofocused field, a click): leave it.
              const now = document.activeElement;
              if (now && now !== document.body && now !== heading && now.isConnected) return;
              focusElement(heading);
            },
          );
        }}
      >
        <div className="grid gap-1 pr-8">
          <SheetTitle className="px-1 text-base font-semibold">Menu</SheetTitle>
          <p className="truncate px-1 text-xs text-muted-foreground" title={organizationName}>
            {organizationName}
          </p>
        </div>
        <SidebarNav
          onNavigate={(to) => {
            leftForPage.current = to !== pathname;
            headingLeft.current = pageHeading();
            setOpen(false);
          }}
        />
        <div className="mt-auto flex items-center justify-between px-1">
          <span className="text-xs text-muted-foreground">Theme</span>
          <ThemeToggle />
        </div>
      </SheetContent>
    </Sheet>
  );
}
