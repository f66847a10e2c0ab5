import { useCallback, useEffect, useRef } from "react";
import { focusElement } from "#web/lib/focus.ts";

/**
 * Returns a ref for a heading that takes focus whenever `value` changes (a wizard's step), but not on the first
 * render: the page's own focus handling owns that. When the heading is not on screen yet (the step shows a
 * loading placeholder first), it takes focus as soon as it mounts.
 */
export function useFocusOnChange<T extends HTMLElement>(value: unknown) {
  const element = useRef<T | null>(null);
  const previous = useRef(value);
  const pending = useRef(false);

  useEffect(() => {
    if (Object.is(previous.current, value)) return;
    previous.current = value;
    if (element.current) focusElement(element.current);
    else pending.current = true;
  }, [value]);

  return useCallback((node: T | null) => {
    element.current = node;
    if (node && pending.current) {
      pending.current = false;
      focusElement(node);
    }
  }, []);
}
