// For web component tests only: a component rendered as a page would render it, inside a router (so <Link>s
// work and navigation can be read back) and a query client, with the API answered by a table of stubbed
// routes instead of a server.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  type AnyRouter,
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { configure, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";

interface AnswerBody {
  status?: number;
  body: unknown;
}
// A router renders its first page asynchronously, and test machines are shared: 1 s (the default) is too short.
configure({ asyncUtilTimeout: 5000 });

type Answer = AnswerBody | (() => AnswerBody | Promise<AnswerBody>);

/**
 * Stubs fetch: each key is "METHOD /path" (the path without its query), each value the answer. Any other
 * request fails the test with a 599 answer naming it. Returns the mock, to read back which requests were made.
 */
export function stubApi(routes: Record<string, Answer>) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const key = `${init?.method ?? "GET"} ${url.pathname}`;
    const route = routes[key];
    if (!route) return new Response(JSON.stringify({ message: `No stub for ${key}` }), { status: 599 });
    const answer = typeof route === "function" ? await route() : route;
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

/** An answer that never comes: the component stays in its loading state. */
export const never = () => new Promise<never>(() => {});

export function renderInRouter(ui: ReactNode, { path = "/" }: { path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({ component: () => ui });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: [path] }) });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router as unknown as AnyRouter} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}
