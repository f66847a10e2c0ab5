/**
 * Moving focus where a keyboard or screen-reader user expects it (issue 12): to a page's heading after
 * navigation, to a step's heading in a wizard, back to what opened a dialog. Headings are not focusable by
 * themselves, so they get tabindex="-1": focusable from script, never a Tab stop.
 */

const NATIVELY_FOCUSABLE = "a[href], button, input, select, textarea, summary, [contenteditable]";

/** Focuses `element`, giving it tabindex="-1" first when it is not focusable (a heading, a section). */
export function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute("tabindex") && !element.matches(NATIVELY_FOCUSABLE)) element.tabIndex = -1;
  element.focus();
}

/** Whether focus can go there: on the page, rendered, not disabled, not inert, not in a closing dialog. */
export function canTakeFocus(element: Element | null | undefined): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.isConnected) return false;
  // display: none, or inside something hidden (checkVisibility: Chrome 105+, Firefox 106+, Safari 17.4+; jsdom
  // has no layout and no checkVisibility, so there everything counts as rendered).
  if (typeof element.checkVisibility === "function" && !element.checkVisibility()) return false;
  if ((element as HTMLButtonElement).disabled) return false;
  if (element.closest("[inert]")) return false;
  return !element.closest('[role="dialog"][data-state="closed"], [role="alertdialog"][data-state="closed"]');
}

/** The page's main heading: the h1 in <main>, else the first h1 (the sign-in pages have no <main> shell). */
export function pageHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>("#main h1") ?? document.querySelector<HTMLElement>("h1");
}

/**
 * Calls `found` with the first element matching `find()` now or once it appears (a page still showing its
 * loading placeholder), giving up after `timeoutMs`. Returns a function that stops waiting.
 */
export function whenPresent<T>(find: () => T | null, found: (value: T) => void, timeoutMs = 5_000): () => void {
  const now = find();
  if (now) {
    found(now);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const value = find();
    if (!value) return;
    stop();
    found(value);
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
