import type { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import { RouteError, RouteNotFound, RoutePending } from "#web/components/layout/route-status.tsx";
import { setUnauthorizedHandler } from "#web/lib/api-client.ts";
import { focusHeadingAfterNavigation } from "#web/lib/route-focus.ts";
import { sessionQueryKey } from "#web/lib/session.ts";
import { routeTree } from "#web/routeTree.gen.ts";

/** What every route's beforeLoad and loader receive. */
export interface RouterContext {
  queryClient: QueryClient;
}

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
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
    queryClient.removeQueries({ queryKey: sessionQueryKey });
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
