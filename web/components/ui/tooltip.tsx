import { cloneElement, isValidElement, type ReactElement, type ReactNode, type SyntheticEvent, useState } from "react";
import { flushSync } from "react-dom";

// A short hint on hover and keyboard focus. Never put essential information only in a tooltip: touch users cannot
// hover. The trigger must be focusable. Radix's tooltip (with floating-ui) loads when the trigger is first hovered or
// focused, not with the page (decision 1312); then Radix takes over the trigger, giving it focus back if it had it.

type Radix = typeof import("#web/components/ui/tooltip-radix.tsx");
let radix: Radix | undefined;
let loading: Promise<Radix> | undefined;

export function loadTooltipRadix(): Promise<Radix> {
  loading ??= import("#web/components/ui/tooltip-radix.tsx").then((module) => {
    radix = module;
    return module;
  });
  loading.catch(() => {
    loading = undefined; // tried again on the next hover
  });
  return loading;
}

type TriggerProps = { onPointerEnter?: (event: SyntheticEvent) => void; onFocus?: (event: SyntheticEvent) => void };

export function Tooltip({
  content,
  children,
  side = "top",
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "right" | "bottom" | "left";
}) {
  const [loaded, setLoaded] = useState<{ radix: Radix; refocus: boolean } | undefined>(
    radix ? { radix, refocus: false } : undefined,
  );
  if (loaded) {
    return (
      <loaded.radix.Tooltip content={content} side={side} refocus={loaded.refocus}>
        {children}
      </loaded.radix.Tooltip>
    );
  }
  if (!isValidElement(children)) return children;
  const child = children as ReactElement<TriggerProps>;
  const wake = (event: SyntheticEvent) => {
    const trigger = event.currentTarget;
    loadTooltipRadix().then(
      (module) =>
        // Committed at once, so the trigger's focus is read and handed over in the same task.
        flushSync(() => setLoaded({ radix: module, refocus: trigger !== null && trigger === document.activeElement })),
      () => {}, // no hint then; the trigger works without it
    );
  };
  return cloneElement(child, {
    onPointerEnter: (event: SyntheticEvent) => {
      child.props.onPointerEnter?.(event);
      wake(event);
    },
    onFocus: (event: SyntheticEvent) => {
      child.props.onFocus?.(event);
      wake(event);
    },
  });
}
