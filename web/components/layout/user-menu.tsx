import { ChevronsUpDown, LogOut } from "lucide-react";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "#web/components/ui/dropdown-menu.tsx";
import { toast } from "#web/components/ui/toast.ts";
import { useLogout } from "#web/lib/logout.ts";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** `compact` shows only the initials, for the narrow top bar. */
export function UserMenu({ session, compact = false }: { session: SessionResponse; compact?: boolean }) {
  const logout = useLogout();
  const { user } = session;
  return (
    <DropdownMenu>
      {/* Named by its text, not aria-label: an aria-label that leaves out the visible initials fails
          "label in name" (WCAG 2.5.3), which Lighthouse checks. The initials and the name shown are
          hidden from assistive technology, which hears the sr-only name instead. */}
      <DropdownMenuTrigger
        className={
          compact
            ? "flex cursor-pointer items-center rounded-full p-0.5 hover:bg-accent"
            : "flex w-full cursor-pointer items-center gap-2.5 rounded-md p-1.5 text-left hover:bg-accent"
        }
      >
        <span
          aria-hidden="true"
          className={
            "flex size-8 shrink-0 items-center justify-center rounded-full bg-primary/15 " +
            "text-xs font-semibold text-primary"
          }
        >
          {initials(user.name)}
        </span>
        <span className="sr-only">Account menu for {user.name}</span>
        {compact ? null : (
          <>
            <span aria-hidden="true" className="grid min-w-0 flex-1 leading-tight">
              <span className="truncate text-sm font-medium">{user.name}</span>
              <span className="truncate text-xs text-muted-foreground">{user.email}</span>
            </span>
            <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          </>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" side={compact ? "bottom" : "top"} className="w-60">
        <DropdownMenuLabel>
          <span className="block truncate font-medium">{user.name}</span>
          <span className="block truncate text-xs text-muted-foreground">{user.email}</span>
          <span className="block truncate text-xs text-muted-foreground">
            {session.organization.name} · {session.orgRole === "admin" ? "Admin" : "Member"}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={logout.isPending}
          onSelect={() => logout.mutate(undefined, { onError: (error) => toast.error(error) })}
        >
          <LogOut aria-hidden="true" />
          Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
