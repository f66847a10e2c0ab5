import { Link } from "@tanstack/react-router";
import { clsx } from "clsx";
import { KeyRound } from "lucide-react";
import { type ReactNode, useEffect } from "react";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { NavMenu } from "#web/components/layout/nav-menu.tsx";
import { SidebarNav } from "#web/components/layout/sidebar-nav.tsx";
import { ThemeToggle } from "#web/components/layout/theme-toggle.tsx";
import { UserMenu } from "#web/components/layout/user-menu.tsx";
import { OverdueRevocationsBanner } from "#web/features/lease-health/components/overdue-revocations-banner.tsx";
import { trackFocusOutsideOverlays } from "#web/lib/focus-tracking.ts";

function Brand() {
  return (
    <Link to="/projects" className="flex items-center gap-2 rounded-md px-1 text-base font-semibold">
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <KeyRound aria-hidden="true" className="size-4" />
      </span>
      Leasehold
    </Link>
  );
}

/**
 * The signed-in frame: a sidebar from 1024 px up; below that a top bar whose Menu button opens the same
 * navigation (a tablet in portrait keeps its full width for the page). The page goes in <main>.
 */
export function AppShell({ session, children }: { session: SessionResponse; children: ReactNode }) {
  // Dialogs opened after a menu or another dialog closed return focus to what the person last used.
  useEffect(() => trackFocusOutsideOverlays(), []);
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15.5rem_minmax(0,1fr)]">
      <a
        href="#main"
        className={clsx(
          "sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground",
          "focus:not-sr-only focus:fixed focus:top-2 focus:left-2",
        )}
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r bg-sidebar p-4 lg:flex">
        <div className="grid gap-1">
          <Brand />
          <p className="truncate px-1 text-xs text-muted-foreground" title={session.organization.name}>
            {session.organization.name}
          </p>
        </div>
        <SidebarNav />
        <div className="mt-auto grid gap-3">
          <div className="flex items-center justify-between px-1">
            <span className="text-xs text-muted-foreground">Theme</span>
            <ThemeToggle />
          </div>
          <UserMenu session={session} />
        </div>
      </aside>
      <header className="flex items-center gap-3 border-b bg-sidebar px-4 py-2.5 lg:hidden">
        <NavMenu organizationName={session.organization.name} />
        <Brand />
        <div className="ml-auto">
          <UserMenu session={session} compact />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 outline-none">
        <OverdueRevocationsBanner session={session} />
        <div className="mx-auto w-full max-w-6xl px-4 py-6 md:px-8 md:py-8">{children}</div>
      </main>
    </div>
  );
}
