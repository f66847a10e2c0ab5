// The last element focused outside any overlay: the fallback origin for a dialog opened after another dialog or menu
// closed (focus is on <body> by then; return-focus.ts). Apart from return-focus.ts, which loads with the dialogs,
// because it has to listen from the app shell's first render on.

/** Overlays whose items are not where focus should return to: dialogs, menus, popovers, listboxes. */
const OVERLAY =
  '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [data-radix-popper-content-wrapper]';

let lastOutsideOverlays: HTMLElement | null = null;
let tracking = false;

/** Starts remembering; idempotent. The app shell starts it on mount. */
export function trackFocusOutsideOverlays(): void {
  if (tracking || typeof document === "undefined") return;
  tracking = true;
  document.addEventListener(
    "focusin",
    (event) => {
      if (event.target instanceof HTMLElement && !event.target.closest(OVERLAY)) lastOutsideOverlays = event.target;
    },
    true,
  );
}

export const lastFocusOutsideOverlays = (): HTMLElement | null => lastOutsideOverlays;
