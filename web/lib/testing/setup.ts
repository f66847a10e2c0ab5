// Before every web test file: the dialogs' Radix code, which a page loads when a dialog first opens
// (web/components/ui/lazy-dialog.tsx), is loaded already, so a test opens a dialog as a page does after its first
// one. lazy-radix.test.tsx tests the first opening itself, on freshly imported modules.
import { loadDialogRadix } from "#web/components/ui/lazy-dialog.tsx";

await loadDialogRadix();
