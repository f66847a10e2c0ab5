import { type Ref, useCallback, useRef } from "react";
import { captureFocusOrigin, type FocusOrigin, restoreFocus } from "#web/lib/return-focus.ts";

/**
 * For a Radix dialog's Content: `ref` records where focus came from as the content mounts (before Radix moves
 * focus inside), and `onCloseAutoFocus` returns it there on close, or to the nearest heading that remains when
 * that element is gone. A caller's own onCloseAutoFocus runs first and may preventDefault to take over.
 */
export function useFocusReturn<T extends HTMLElement>(
  ownRef: Ref<T> | undefined,
  ownOnCloseAutoFocus: ((event: Event) => void) | undefined,
) {
  const origin = useRef<FocusOrigin | null>(null);
  const ref = useCallback(
    (node: T | null) => {
      if (node) origin.current = captureFocusOrigin(node.id);
      if (typeof ownRef === "function") ownRef(node);
      else if (ownRef) ownRef.current = node;
    },
    [ownRef],
  );
  const onCloseAutoFocus = (event: Event) => {
    ownOnCloseAutoFocus?.(event);
    if (event.defaultPrevented) return;
    // Radix would focus its Trigger, or <body> when the dialog was opened by state.
    event.preventDefault();
    restoreFocus(origin.current);
  };
  return { ref, onCloseAutoFocus };
}
