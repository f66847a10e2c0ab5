import { type AnyRoute, pathOf } from "#client/core/route.ts";

/**
 * A stubbed answer's key for `stubApi` ("METHOD /path"), from a route of the route tables with its parameters filled,
 * so a test names no API path of its own.
 */
export const stubKey = (route: AnyRoute, params?: Record<string, string>) => `${route.method} ${pathOf(route, params)}`;

/** Matches exactly the route's path with `params` filled: what `sent(fetch, method, pattern)` looks for. */
export const pathPattern = (route: AnyRoute, params?: Record<string, string>) =>
  new RegExp(`^${pathOf(route, params).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
