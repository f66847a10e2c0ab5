import { Link } from "@tanstack/react-router";
import { clsx } from "clsx";
import { navSections } from "#web/components/layout/nav-items.ts";

const linkClasses = clsx(
  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors",
  "hover:bg-accent hover:text-accent-foreground",
  // The router marks the current section with aria-current="page".
  "aria-[current=page]:bg-accent aria-[current=page]:text-foreground",
);

/**
 * The main navigation: in the sidebar on wide screens, in the Menu sheet on narrow ones. `onNavigate` is told
 * the path a link leads to when it is followed (the sheet closes).
 */
export function SidebarNav({ onNavigate }: { onNavigate?: (to: string) => void }) {
  return (
    <nav aria-label="Main" className="grid gap-5">
      {navSections.map((section, index) => (
        <div key={section.heading ?? index} className="grid gap-1">
          {section.heading ? (
            <h2 className="px-2.5 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
              {section.heading}
            </h2>
          ) : null}
          <ul className="grid gap-0.5">
            {section.items.map((item) => (
              <li key={item.label}>
                <Link to={item.to} className={linkClasses} onClick={() => onNavigate?.(String(item.to))}>
                  <item.icon aria-hidden="true" className="size-4" />
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
