import { useRouterState } from "@tanstack/react-router";
import { Menu } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { SidebarNav } from "#web/components/layout/sidebar-nav.tsx";
import { ThemeToggle } from "#web/components/layout/theme-toggle.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "#web/components/ui/sheet.tsx";
import { focusPageHeading } from "#web/lib/focus.ts";

/**
 * The main navigation on narrow screens: a Menu button that opens the same links as the sidebar in a sheet.
 * Escape, the close button or a click outside close it and focus returns to the button; following a link
 * closes it and focus goes to the new page's heading instead (web/lib/route-focus.ts finishes the move once
 * the page has rendered).
 */
export function NavMenu({ organizationName }: { organizationName: string }) {
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const leftForPage = useRef(false);

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
          focusPageHeading();
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
