import { type RefObject, useEffect } from "react";

/**
 * Keeps the current page's link (aria-current="page") in sight in a bar of links that scrolls sideways on a phone
 * (the project's pages): on a page whose link is at the far end, the bar scrolls to show it. Only the bar scrolls,
 * never the page. `key` is what changes with the page (its path).
 */
export function useCurrentLinkInView(bar: RefObject<HTMLElement | null>, key: unknown) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the trigger (the page changed), not read inside
  useEffect(() => {
    const element = bar.current;
    const link = element?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!element || !link) return;
    const left = link.offsetLeft - element.offsetLeft;
    const right = left + link.offsetWidth;
    if (left < element.scrollLeft) element.scrollLeft = left;
    else if (right > element.scrollLeft + element.clientWidth) element.scrollLeft = right - element.clientWidth;
  }, [bar, key]);
}
