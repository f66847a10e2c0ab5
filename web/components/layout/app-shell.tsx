import { Link } from "@tanstack/react-router";
import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { SidebarNav, TopNav } from "#web/components/layout/sidebar-nav.tsx";
import { ThemeToggle } from "#web/components/layout/theme-toggle.tsx";
import { UserMenu } from "#web/components/layout/user-menu.tsx";
import { OverdueRevocationsBanner } from "#web/features/lease-health/components/overdue-revocations-banner.tsx";

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

/** The signed-in frame: sidebar on wide screens, a top bar on narrow ones, and the page in <main>. */
export function AppShell({ session, children }: { session: SessionResponse; children: ReactNode }) {
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15.5rem_minmax(0,1fr)]">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r bg-sidebar p-4 md:flex">
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
      <header className="grid gap-3 border-b bg-sidebar p-3 md:hidden">
        <div className="flex items-center justify-between gap-3">
          <Brand />
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu session={session} compact />
          </div>
        </div>
        <TopNav />
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 outline-none">
        <OverdueRevocationsBanner session={session} />
        <div className="mx-auto w-full max-w-6xl px-4 py-6 md:px-8 md:py-8">{children}</div>
      </main>
    </div>
  );
}
