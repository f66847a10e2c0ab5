import { canTakeFocus, focusElement, pageHeading } from "#web/lib/focus.ts";
import { lastFocusOutsideOverlays, trackFocusOutsideOverlays } from "#web/lib/focus-tracking.ts";

/**
 * Where focus goes when a dialog closes (issue 12). Radix returns focus to a Dialog.Trigger, but many dialogs
 * here are opened by state (from a menu item, a table row, a flow of two dialogs) and have none: Radix then
 * drops focus to <body>, and a keyboard user starts again from the top of the page. The dialog primitives
 * capture where focus came from when they open and call restoreFocus when they close. Loaded with the dialogs'
 * Radix code (web/components/ui/dialog-radix.tsx), not with the page.
 */

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

export interface FocusOrigin {
  /** What opened the dialog, when it can be known. */
  element: HTMLElement | null;
  /** Its ancestors up to <main>, nearest first: where to look for a heading if the element goes away. */
  ancestors: HTMLElement[];
}

/** A Radix menu's trigger: the menu is labelled by it. */
function menuTriggerOf(element: Element): HTMLElement | null {
  const menu = element.closest('[role="menu"]');
  const triggerId = menu?.getAttribute("aria-labelledby");
  return triggerId ? document.getElementById(triggerId) : null;
}

function ancestorsOf(element: HTMLElement): HTMLElement[] {
  const chain: HTMLElement[] = [];
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
    chain.push(node);
    if (node.tagName === "MAIN") break;
  }
  return chain;
}

/**
 * Call when a dialog's content mounts, before it moves focus inside. `contentId` is the dialog content's id: a
 * Radix trigger points at it with aria-controls.
 */
export function captureFocusOrigin(contentId: string | undefined): FocusOrigin {
  trackFocusOutsideOverlays();
  const trigger = contentId
    ? ([...document.querySelectorAll<HTMLElement>("[aria-controls]")].find(
        (element) => element.getAttribute("aria-controls") === contentId,
      ) ?? null)
    : null;
  const content = contentId ? document.getElementById(contentId) : null;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // A field of the dialog itself may hold focus already: React runs its autoFocus before this ref (when the
  // field is not behind a Suspense boundary, as on a lazy form's second opening). It is not where focus came from.
  const active = focused && content?.contains(focused) ? null : focused;
  const candidates = [
    trigger,
    // Opened from a menu item: the item disappears with the menu; its trigger stays.
    active?.closest('[role="menu"]') ? menuTriggerOf(active) : active,
    lastFocusOutsideOverlays(),
  ];
  const element = candidates.find((candidate) => candidate !== document.body && canTakeFocus(candidate)) ?? null;
  return { element, ancestors: element ? ancestorsOf(element) : [] };
}

/** The element focus should return to: the origin, or the heading of the nearest part of the page that remains. */
function focusReturnTarget(origin: FocusOrigin | null): HTMLElement | null {
  if (canTakeFocus(origin?.element)) return origin.element;
  // The origin is gone (its row was deleted, its list emptied): the nearest surviving container's heading says
  // what happened ("No active leases") and is where the person was.
  for (const ancestor of origin?.ancestors ?? []) {
    if (!ancestor.isConnected) continue;
    const heading = [...ancestor.querySelectorAll<HTMLElement>(HEADING)].find(canTakeFocus);
    if (heading) return heading;
  }
  const heading = pageHeading();
  return canTakeFocus(heading) ? heading : null;
}

/** Returns focus after a dialog closed, unless another dialog is open and keeps it. */
export function restoreFocus(origin: FocusOrigin | null): void {
  const target = focusReturnTarget(origin);
  if (!target) return;
  const openDialogs = [
    ...document.querySelectorAll('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]'),
  ];
  if (openDialogs.length > 0 && !openDialogs.some((dialog) => dialog.contains(target))) return;
  focusElement(target);
}
