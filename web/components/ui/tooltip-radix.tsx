import { Tooltip as TooltipPrimitive } from "radix-ui";
import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * Radix's tooltip, loaded by tooltip.tsx when its trigger is first hovered or focused. Each tooltip brings its own
 * Provider (as shadcn/ui now does). `refocus`: the trigger had focus when this replaced it, so it gets it back (and
 * Radix opens on that focus).
 */
export function Tooltip({
  content,
  children,
  side = "top",
  refocus = false,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "right" | "bottom" | "left";
  refocus?: boolean;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (refocus) trigger.current?.focus();
  }, [refocus]);
  return (
    <TooltipPrimitive.Provider delayDuration={300}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild ref={trigger}>
          {children}
        </TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            side={side}
            sideOffset={6}
            className={
              "z-50 max-w-xs rounded-md bg-foreground px-2.5 py-1.5 text-xs text-background " +
              "shadow-md data-[state=delayed-open]:animate-fade-in"
            }
          >
            {content}
            <TooltipPrimitive.Arrow className="fill-foreground" />
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
