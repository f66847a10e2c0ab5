import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { RouteError, RouteNotFound } from "#web/components/layout/route-status.tsx";
import type { RouterContext } from "#web/router.tsx";

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  errorComponent: RouteError,
  notFoundComponent: RouteNotFound,
});
