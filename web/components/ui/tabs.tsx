import { clsx } from "clsx";
import { Tabs as TabsPrimitive } from "radix-ui";
import type { ComponentProps } from "react";

/** Arrow keys move between tabs (Radix roving focus); the panel is linked to its tab for screen readers. */
export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      // Tabs wrap onto a second line rather than scroll: on a phone every tab stays in sight, and the list is
      // never wider than its widest tab (a row that cannot wrap would widen the form or dialog around it).
      className={clsx("inline-flex max-w-full flex-wrap items-center gap-1 rounded-lg bg-muted p-1", className)}
      {...props}
    />
  );
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={clsx(
        "inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-md px-3 text-sm " +
          "font-medium whitespace-nowrap text-muted-foreground transition-colors",
        "hover:text-foreground data-[state=active]:bg-card " +
          "data-[state=active]:text-foreground data-[state=active]:shadow-sm",
        className,
      )}
      {...props}
    />
  );
}

/**
 * Every tab needs its panel (the tab's aria-controls names it); Radix keeps inactive panels empty and hidden.
 * `flush` drops the space above, for a panel that sits in a card's content.
 */
export function TabsContent({
  className,
  flush = false,
  ...props
}: ComponentProps<typeof TabsPrimitive.Content> & { flush?: boolean }) {
  return <TabsPrimitive.Content className={clsx(!flush && "mt-4", className)} {...props} />;
}
