import { canTakeFocus, focusElement, pageHeading, whenPresent } from "#web/lib/focus.ts";

/** The slice of TanStack Router this needs, so it can be tested without a router. */
export interface NavigationEvents {
  subscribe(
    event: "onBeforeNavigate" | "onRendered",
    listener: (event: { fromLocation?: { pathname: string } | undefined; pathChanged: boolean }) => void,
  ): () => void;
}

/**
 * After a navigation to another page, focus moves to the new page's main heading, so a screen reader announces
 * it and the next Tab starts at the top of the new page, not on a link of the old one (issue 12).
 * Not on the first load (the browser starts at the top), not when only the search changes (typing in a filter,
 * picking a tab, a wizard step: those move focus themselves when they must), and not when the new page has
 * put focus somewhere itself (an autofocused field, as on the sign-in page).
 */
export function focusHeadingAfterNavigation(router: NavigationEvents): () => void {
  let focusedBefore: Element | null = null;
  let stopWaiting = () => {};
  const unsubscribeBefore = router.subscribe("onBeforeNavigate", (event) => {
    if (!event.pathChanged) return;
    stopWaiting();
    focusedBefore = document.activeElement;
  });
  const unsubscribeRendered = router.subscribe("onRendered", (event) => {
    if (!event.fromLocation || !event.pathChanged) return;
    const active = document.activeElement;
    const pagePlacedFocus = active && active !== document.body && active !== focusedBefore && active.isConnected;
    if (pagePlacedFocus) return;
    stopWaiting();
    // The page may still show its loading placeholder: wait for its heading.
    stopWaiting = whenPresent(
      () => {
        const heading = pageHeading();
        return canTakeFocus(heading) ? heading : null;
      },
      (heading) => {
        // Someone moved focus while the page loaded (a click, a key): leave it there.
        const now = document.activeElement;
        if (now && now !== document.body && now !== active && now.isConnected) return;
        focusElement(heading);
      },
    );
  });
  return () => {
    stopWaiting();
    unsubscribeBefore();
    unsubscribeRendered();
  };
}
