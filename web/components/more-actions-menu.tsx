import { Ellipsis, type LucideIcon } from "lucide-react";
import { Button } from "#web/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "#web/components/ui/dropdown-menu.tsx";

export interface MoreAction {
  label: string;
  icon: LucideIcon;
  destructive?: boolean;
  onSelect: () => void;
}

/**
 * A row's less common actions (issue 12) in a menu labelled "More actions for <name>". Each action opens its dialog
 * outside the menu, which closes; the dialog primitives give focus back to this button when the dialog closes
 * (web/lib/return-focus.ts), so callers only keep which dialog is open.
 */
export function MoreActionsMenu({ name, actions }: { name: string; actions: MoreAction[] }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`More actions for ${name}`}>
          <Ellipsis aria-hidden="true" />
          More
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {actions.map(({ label, icon: Icon, destructive, onSelect }) => (
          <DropdownMenuItem key={label} className={destructive ? "text-destructive" : undefined} onSelect={onSelect}>
            <Icon aria-hidden="true" />
            {label}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
