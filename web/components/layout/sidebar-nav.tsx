import { Link } from "@tanstack/react-router";
import { clsx } from "clsx";
import { navSections } from "#web/components/layout/nav-items.ts";

const linkClasses = clsx(
  "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors",
  "hover:bg-accent hover:text-accent-foreground",
  // The router marks the current section with aria-current="page".
  "aria-[current=page]:bg-accent aria-[current=page]:text-foreground",
);

export function SidebarNav() {
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
                <Link to={item.to} className={linkClasses}>
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

/** The same entries in one scrollable row, for narrow screens where the sidebar is hidden. */
export function TopNav() {
  const items = navSections.flatMap((section) => section.items);
  return (
    <nav aria-label="Main" className="overflow-x-auto">
      <ul className="flex gap-1">
        {items.map((item) => (
          <li key={item.label}>
            <Link to={item.to} className={clsx(linkClasses, "whitespace-nowrap")}>
              <item.icon aria-hidden="true" className="size-4" />
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
