import { afterEach, describe, expect, it } from "vitest";
import { focusHeadingAfterNavigation, type NavigationEvents } from "#web/lib/route-focus.ts";

type Listener = Parameters<NavigationEvents["subscribe"]>[1];

/** A stand-in for the router's event bus: emit what TanStack Router emits around a navigation. */
function fakeRouter() {
  const listeners: Record<string, Listener[]> = {};
  const router: NavigationEvents = {
    subscribe(event, listener) {
      listeners[event] = [...(listeners[event] ?? []), listener];
      return () => {
        listeners[event] = (listeners[event] ?? []).filter((l) => l !== listener);
      };
    },
  };
  const emit = (event: "onBeforeNavigate" | "onRendered", info: Parameters<Listener>[0]) => {
    for (const listener of listeners[event] ?? []) listener(info);
  };
  /** A move from `from` (undefined: the first load) to another location. */
  const navigate = (from: string | undefined, pathChanged: boolean) => {
    const info = { fromLocation: from === undefined ? undefined : { pathname: from }, pathChanged };
    emit("onBeforeNavigate", info);
    emit("onRendered", info);
  };
  return { router, emit, navigate };
}

function page(html: string) {
  document.body.innerHTML = `<nav><a href="/identities" id="link">Identities</a></nav><main id="main">${html}</main>`;
}

let stop = () => {};
afterEach(() => {
  stop();
  document.body.innerHTML = "";
});

describe("focus after navigation", () => {
  it("moves focus to the new page's h1, made focusable from script only", () => {
    const { router, navigate } = fakeRouter();
    stop = focusHeadingAfterNavigation(router);
    page("<h1>Machine identities</h1>");
    document.getElementById("link")?.focus();

    navigate("/projects", true);

    const heading = document.querySelector("h1");
    expect(document.activeElement).toBe(heading);
    expect(heading?.getAttribute("tabindex")).toBe("-1");
  });

  it("leaves focus alone on the first load and when only the search changes", () => {
    const { router, navigate } = fakeRouter();
    stop = focusHeadingAfterNavigation(router);
    page('<h1>Audit log</h1><input aria-label="Filter" id="filter">');

    navigate(undefined, true);
    expect(document.activeElement).toBe(document.body);

    const filter = document.getElementById("filter") as HTMLInputElement;
    filter.focus();
    navigate("/audit-log", false); // typing in a filter updates ?action=…
    expect(document.activeElement).toBe(filter);
  });

  it("waits for a page still loading to show its heading", async () => {
    const { router, navigate } = fakeRouter();
    stop = focusHeadingAfterNavigation(router);
    page('<div aria-busy="true">Loading</div>');

    navigate("/projects", true);
    expect(document.activeElement).toBe(document.body);

    const heading = document.createElement("h1");
    heading.textContent = "Payments";
    document.getElementById("main")?.append(heading);
    await new Promise((resolve) => setTimeout(resolve, 0)); // MutationObserver callbacks are microtasks
    expect(document.activeElement).toBe(heading);
  });

  it("respects a page that focused something itself (the sign-in form's email field)", () => {
    const { router, emit } = fakeRouter();
    stop = focusHeadingAfterNavigation(router);
    page('<h1>Log in</h1><input aria-label="Email" id="email">');
    const info = { fromLocation: { pathname: "/projects" }, pathChanged: true };

    emit("onBeforeNavigate", info);
    (document.getElementById("email") as HTMLInputElement).focus(); // autoFocus as the page mounts
    emit("onRendered", info);

    expect(document.activeElement?.id).toBe("email");
  });
});
