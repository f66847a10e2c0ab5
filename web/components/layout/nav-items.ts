import type { LinkProps } from "@tanstack/react-router";
import { Bot, Cable, FolderKanban, type LucideIcon, ScrollText, Users } from "lucide-react";

interface NavItem {
  to: LinkProps["to"];
  label: string;
  icon: LucideIcon;
}

export interface NavSection {
  /** Shown as a small heading above the items; the first section has none. */
  heading?: string;
  items: NavItem[];
}

/**
 * The sidebar, as data: adding a page is one line here. Only pages that work today are listed
 * (identities and app connections join when their screens exist).
 */
export const navSections: NavSection[] = [
  {
    items: [
      { to: "/projects", label: "Projects", icon: FolderKanban },
      { to: "/identities", label: "Identities", icon: Bot },
    ],
  },
  {
    heading: "Organization settings",
    items: [
      { to: "/organization/members", label: "Members", icon: Users },
      { to: "/organization/app-connections", label: "App connections", icon: Cable },
      { to: "/audit-log", label: "Audit log", icon: ScrollText },
    ],
  },
];
