import type { DropdownMenu as MenuPrimitive } from "radix-ui";
import {
  type ComponentProps,
  createContext,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  useContext,
  useState,
} from "react";
import { slot } from "#web/components/ui/button.tsx";
import { toast } from "#web/components/ui/toast.ts";

// A dropdown menu whose Radix code (menu, popper, floating-ui: ~13 kB as served) loads when a menu is about to be
// used — the pointer over its button, focus on it — instead of with every page that shows one (decision 1312).
// Until then the button is a plain one that says it opens a menu; opening it loads Radix and hands over, and from
// then on the menu is Radix's own. The menu's items are not in the page until it opens, as with Radix.

type Radix = typeof import("#web/components/ui/dropdown-menu-radix.tsx");
let radix: Radix | undefined;
let loading: Promise<Radix> | undefined;

export function loadMenuRadix(): Promise<Radix> {
  loading ??= import("#web/components/ui/dropdown-menu-radix.tsx").then((module) => {
    radix = module;
    return module;
  });
  // A failed import (offline, or a deploy replaced the file) is tried again on the next attempt.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
const preload = () => void loadMenuRadix().catch(() => {});

interface MenuState {
  radix: Radix | undefined;
  /** How the menu was opened before Radix was there to open it. */
  openedBy: "pointer" | "keyboard" | null;
  open: (by: "pointer" | "keyboard") => void;
}
const MenuContext = createContext<MenuState | null>(null);
function useMenu(part: string): MenuState {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error(`${part} must be inside a DropdownMenu`);
  return menu;
}

export function DropdownMenu({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState(radix);
  const [openedBy, setOpenedBy] = useState<MenuState["openedBy"]>(null);
  const open = (by: "pointer" | "keyboard") => {
    setOpenedBy(by);
    if (radix) setLoaded(radix);
    else
      loadMenuRadix().then(setLoaded, () => {
        setOpenedBy(null);
        toast.error("This menu could not be loaded. Check the connection, or reload the page.");
      });
  };
  const menu = { radix: loaded, openedBy, open };
  if (!loaded) return <MenuContext.Provider value={menu}>{children}</MenuContext.Provider>;
  return (
    <loaded.DropdownMenu
      defaultOpen={openedBy !== null}
      onOpenChange={(isOpen) => {
        if (!isOpen) setOpenedBy(null);
      }}
    >
      <MenuContext.Provider value={menu}>{children}</MenuContext.Provider>
    </loaded.DropdownMenu>
  );
}

type TriggerProps = ComponentProps<typeof MenuPrimitive.Trigger>;

export function DropdownMenuTrigger({ asChild = false, children, ...props }: TriggerProps) {
  const menu = useMenu("DropdownMenuTrigger");
  if (menu.radix) {
    return (
      <menu.radix.DropdownMenuTrigger asChild={asChild} {...props}>
        {children}
      </menu.radix.DropdownMenuTrigger>
    );
  }
  // What Radix's trigger is and does while closed: a button that says it opens a menu, opened by a primary press
  // (on pointer down, as Radix does) or by Enter, Space or the down arrow.
  const shell = {
    ...props,
    type: "button" as const,
    "aria-haspopup": "menu" as const,
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: preload,
    onFocus: preload,
    onPointerDown: (event: PointerEvent<HTMLButtonElement>) => {
      props.onPointerDown?.(event);
      if (props.disabled || event.defaultPrevented || event.button !== 0 || event.ctrlKey) return;
      event.preventDefault(); // as Radix: the menu takes focus, not the button
      menu.open("pointer");
    },
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      props.onKeyDown?.(event);
      if (props.disabled || event.defaultPrevented || !["Enter", " ", "ArrowDown"].includes(event.key)) return;
      event.preventDefault();
      menu.open("keyboard");
    },
  };
  return asChild ? slot(children, shell) : <button {...shell}>{children}</button>;
}

export function DropdownMenuContent(props: ComponentProps<Radix["DropdownMenuContent"]>) {
  const menu = useMenu("DropdownMenuContent");
  if (!menu.radix) return null;
  return <menu.radix.DropdownMenuContent focusFirstItem={menu.openedBy === "keyboard"} {...props} />;
}

// The parts inside the menu's content exist only once Radix does (the items are not in the page until it opens).
export function DropdownMenuItem(props: ComponentProps<Radix["DropdownMenuItem"]>) {
  const { radix: loaded } = useMenu("DropdownMenuItem");
  return loaded ? <loaded.DropdownMenuItem {...props} /> : null;
}

export function DropdownMenuLabel(props: ComponentProps<Radix["DropdownMenuLabel"]>) {
  const { radix: loaded } = useMenu("DropdownMenuLabel");
  return loaded ? <loaded.DropdownMenuLabel {...props} /> : null;
}

export function DropdownMenuSeparator(props: ComponentProps<Radix["DropdownMenuSeparator"]>) {
  const { radix: loaded } = useMenu("DropdownMenuSeparator");
  return loaded ? <loaded.DropdownMenuSeparator {...props} /> : null;
}
