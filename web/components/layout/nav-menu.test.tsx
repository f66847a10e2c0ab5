import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from "@tanstack/react-router";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { NavMenu } from "#web/components/layout/nav-menu.tsx";
import { focusHeadingAfterNavigation } from "#web/lib/route-focus.ts";

afterEach(cleanup);
beforeAll(() => {
  // The theme toggle in the menu follows the system theme; jsdom has no matchMedia.
  window.matchMedia ??= (query: string) =>
    ({
      matches: false,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }) as unknown as MediaQueryList;
});

/** The narrow-screen frame: the Menu button in a header, each page with its h1 in <main>. */
function renderAt(path: string) {
  const root = createRootRoute({
    component: () => (
      <>
        <header>
          <NavMenu organizationName="Acme Corp" />
        </header>
        <main id="main">
          <Outlet />
        </main>
      </>
    ),
  });
  const page = (route: string, title: string) =>
    createRoute({ getParentRoute: () => root, path: route, component: () => <h1>{title}</h1> });
  const router = createRouter({
    routeTree: root.addChildren([
      page("/projects", "Projects"),
      page("/identities", "Machine identities"),
      page("/organization/members", "Members"),
      page("/organization/app-connections", "App connections"),
      page("/audit-log", "Audit log"),
    ]),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  const stop = focusHeadingAfterNavigation(router);
  // biome-ignore lint/suspicious/noExplicitAny: a test router, not the app's registered one
  render(<RouterProvider router={router as any} />);
  return { router, stop };
}

/** Radix moves focus in effects and hands it back in a setTimeout(0); the router loads asynchronously. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe("the navigation menu on narrow screens", () => {
  it("is a labelled button that opens the main navigation and says so", async () => {
    const { stop } = renderAt("/projects");
    await screen.findByRole("heading", { name: "Projects" });
    const button = screen.getByRole("button", { name: "Menu" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(button.getAttribute("aria-haspopup")).toBe("dialog");

    fireEvent.click(button);
    await settle();
    const menu = screen.getByRole("dialog", { name: "Menu" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(menu.contains(nav)).toBe(true);
    expect([...nav.querySelectorAll("a")].map((link) => link.textContent)).toEqual([
      "Projects",
      "Identities",
      "Members",
      "App connections",
      "Audit log",
    ]);
    expect(screen.getByRole("link", { name: "Projects" }).getAttribute("aria-current")).toBe("page");
    // Focus moved into the menu, and stays there (a modal sheet).
    expect(menu.contains(document.activeElement)).toBe(true);
    stop();
  });

  it("closes on Escape and gives focus back to the Menu button", async () => {
    const { stop } = renderAt("/projects");
    await screen.findByRole("heading", { name: "Projects" });
    const button = screen.getByRole("button", { name: "Menu" });
    button.focus();
    fireEvent.click(button);
    await settle();

    fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
    await settle();
    expect(screen.queryByRole("dialog", { name: "Menu" })).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
    stop();
  });

  it("closes when a link is followed, and focus goes to the new page's heading", async () => {
    const { router, stop } = renderAt("/projects");
    await screen.findByRole("heading", { name: "Projects" });
    const button = screen.getByRole("button", { name: "Menu" });
    button.focus();
    fireEvent.click(button);
    await settle();

    fireEvent.click(screen.getByRole("link", { name: "Identities" }));
    await settle();
    await settle();
    expect(router.state.location.pathname).toBe("/identities");
    expect(screen.queryByRole("dialog", { name: "Menu" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Machine identities" }));
    stop();
  });

  it("has a close button for pointer and screen-reader users", async () => {
    const { stop } = renderAt("/audit-log");
    await screen.findByRole("heading", { name: "Audit log" });
    const button = screen.getByRole("button", { name: "Menu" });
    button.focus();
    fireEvent.click(button);
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Close menu" }));
    await settle();
    expect(screen.queryByRole("dialog", { name: "Menu" })).toBeNull();
    expect(document.activeElement).toBe(button);
    stop();
  });
});
