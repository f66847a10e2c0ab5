// Before every web test file: the Radix code of dialogs, menus and tooltips, which a page loads when one is first used
// (web/components/ui/lazy-dialog.tsx, dropdown-menu.tsx, tooltip.tsx), is loaded already, so a test uses them as a
// page does after its first one. lazy-radix.test.tsx tests that first use itself, on freshly imported modules.
import { loadMenuRadix } from "#web/components/ui/dropdown-menu.tsx";
import { loadDialogRadix } from "#web/components/ui/lazy-dialog.tsx";
import { loadTooltipRadix } from "#web/components/ui/tooltip.tsx";

await Promise.all([loadDialogRadix(), loadMenuRadix(), loadTooltipRadix()]);
