// Applies the saved colour theme before the first paint, so a dark-mode user never sees a white flash.
// It is an external file, not an inline <script>, because the Content-Security-Policy forbids inline scripts.
// The storage key and values must match web/lib/theme.ts.
(() => {
  var preference = null;
  try {
    preference = window.localStorage.getItem("leasehold-theme");
  } catch (_) {
    // Storage can be disabled (private mode, policy); fall back to the system setting.
  }
  var prefersDark = window.matchMedia?.("(prefers-color-scheme: dark)").matches;
  var dark = preference === "dark" || (preference !== "light" && prefersDark);
  document.documentElement.classList.toggle("dark", dark);
})();
