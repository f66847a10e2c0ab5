import { createRouter } from "@tanstack/react-router";
import { RouteError, RouteNotFound, RoutePending } from "#web/components/layout/route-status.tsx";
import { setUnauthorizedHandler } from "#web/lib/api-client.ts";
import { focusHeadingAfterNavigation } from "#web/lib/route-focus.ts";
import { forgetSession } from "#web/lib/session.ts";
import { routeTree } from "#web/routeTree.gen.ts";

// The signed-in area's beforeLoad (routes/_app.tsx) puts the session and the data layer's
// QueryClient into the context of the routes below it; the sign-in pages get neither.
export function createAppRouter() {
  const router = createRouter({
    routeTree,
    // Hovering a link starts its loader; TanStack Query then decides what is fresh enough to reuse.
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    defaultPendingMs: 300,
    defaultErrorComponent: RouteError,
    defaultPendingComponent: RoutePending,
    defaultNotFoundComponent: RouteNotFound,
    scrollRestoration: true,
  });

  // After each move to another page, focus goes to its heading (web/lib/route-focus.ts).
  focusHeadingAfterNavigation(router);

  // The session ended (expired, revoked, server restarted): go to /login and come back here afterwards.
  setUnauthorizedHandler(() => {
    forgetSession();
    const location = router.latestLocation;
    if (location.pathname === "/login") return;
    void router.navigate({ to: "/login", search: { redirect: location.href }, replace: true });
  });

  return router;
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
