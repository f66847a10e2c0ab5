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
import { act, configure, fireEvent, render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";
import { Toaster } from "#web/components/ui/toaster.tsx";

interface AnswerBody {
  status?: number;
  body: unknown;
}
// A router renders its first page asynchronously, and test machines are shared: 1 s (the default) is too short.
configure({ asyncUtilTimeout: 5000 });

type Answer = AnswerBody | (() => AnswerBody | Promise<AnswerBody>);

/** A request the page made, read at the HTTP level: what any API client, old or new, must send. */
export interface SentRequest {
  method: string;
  /** The URL's pathname, without the query. */
  path: string;
  query: URLSearchParams;
  /** The JSON body, parsed; undefined when there was none. */
  body: unknown;
}

/** Reads a fetch call whether it was given (url, init) or a Request, the way a server would see it. */
async function readRequest(input: RequestInfo | URL, init?: RequestInit): Promise<SentRequest> {
  const request = new Request(new URL(input instanceof Request ? input.url : String(input), "http://localhost"), {
    method: init?.method ?? (input instanceof Request ? input.method : "GET"),
    body: init?.body ?? (input instanceof Request && input.body ? await input.clone().text() : undefined),
  });
  const url = new URL(request.url);
  const text = await request.text();
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    body: text ? JSON.parse(text) : undefined,
  };
}

/**
 * Stubs fetch: each key is "METHOD /path" (the path without its query), each value the answer. Any other
 * request fails the test with a 599 answer naming it. Returns the mock, to read back which requests were made
 * (`requests`, or `sent(fetch, method, /path/)`).
 */
export function stubApi(routes: Record<string, Answer>) {
  const requests: SentRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = await readRequest(input, init);
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    if (!route) {
      return new Response(JSON.stringify({ message: `No stub for ${request.method} ${request.path}` }), {
        status: 599,
      });
    }
    const answer = typeof route === "function" ? await route() : route;
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return Object.assign(fetch, { requests });
}

/** The requests sent with `method` to a pathname matching `path`, in order. */
export function sent(fetch: { requests: SentRequest[] }, method: string, path: RegExp): SentRequest[] {
  return fetch.requests.filter((request) => request.method === method && path.test(request.path));
}

/** Every request other than a GET: what a test of "nothing was sent" looks at. */
export function writes(fetch: { requests: SentRequest[] }): SentRequest[] {
  return fetch.requests.filter((request) => request.method !== "GET");
}

/** The server's 400 for a body that breaks a rule, in the shared error shape, with `issues` on fields. */
export function badRequest(issues: { path: (string | number)[]; message: string }[], message = "Invalid request") {
  return {
    status: 400,
    body: { statusCode: 400, error: "Bad Request", message, requestId: "req-400", issues },
  };
}

/** An error answer without field issues (a conflict, a refusal), in the shared error shape. */
export function failure(status: number, message: string, extra: Record<string, unknown> = {}) {
  const error = status === 409 ? "Conflict" : status === 403 ? "Forbidden" : status === 404 ? "Not Found" : "Error";
  return { status, body: { statusCode: status, error, message, requestId: `req-${status}`, ...extra } };
}

/** Radix menus, selects and popovers measure their trigger; jsdom has no ResizeObserver. */
export function stubResizeObserver() {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
}

/** Radix hands focus back in a setTimeout(0) after a dialog's content unmounts: wait past it. */
export const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

/** An answer that never comes: the component stays in its loading state. */
export const never = () => new Promise<never>(() => {});

/** With `toaster`, the page's toasts show too (the app mounts one near its root), so a test can read them. */
export function renderInRouter(
  ui: ReactNode,
  { path = "/", toaster = false }: { path?: string; toaster?: boolean } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const page = toaster ? (
    <>
      {ui}
      <Toaster />
    </>
  ) : (
    ui
  );
  const rootRoute = createRootRoute({ component: () => page });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: [path] }) });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router as unknown as AnyRouter} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}

/** The error message tied to a control (its aria-describedby), as a screen reader reads it after the label. */
export function errorOf(control: HTMLElement): string | null {
  const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  const error = ids.map((id) => document.getElementById(id)).find((node) => node?.id.endsWith("-error"));
  return error?.textContent ?? null;
}

/** Types a value into a field as one change (react-hook-form reads the input's value on the change event). */
export function typeInto(control: HTMLElement, value: string) {
  fireEvent.change(control, { target: { value } });
}
