import { createRootRoute, Outlet } from "@tanstack/react-router";
import { RouteError, RouteNotFound } from "#web/components/layout/route-status.tsx";

export const Route = createRootRoute({
  component: Outlet,
  errorComponent: RouteError,
  notFoundComponent: RouteNotFound,
});
