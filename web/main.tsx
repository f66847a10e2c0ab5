// First: it sets zod's jitless mode before any shared schema is built (see the module).
import "#web/lib/zod-jitless.ts";
import { type AnyRoute, RouterProvider } from "@tanstack/react-router";
import { lazy, StrictMode, Suspense, useState } from "react";
import { createRoot } from "react-dom/client";
import { useToasts } from "#web/components/ui/toast.ts";
import { createAppRouter } from "#web/router.tsx";
import "#web/styles.css";

// Radix's toast code comes with the first toast: most visits, and every sign-in, raise none.
const Toaster = lazy(() => import("#web/components/ui/toaster.tsx").then((module) => ({ default: module.Toaster })));

function Toasts() {
  const pending = useToasts().length > 0;
  const [mounted, setMounted] = useState(false);
  // Once mounted it stays: Radix's viewport (F8) and its live region must not come and go.
  if (pending && !mounted) setMounted(true);
  return mounted ? (
    <Suspense>
      <Toaster />
    </Suspense>
  ) : null;
}

const router = createAppRouter();

// The first page's route chunks, and what they import (the shared zod schemas among them), are
// fetched now, beside the session check. The router itself asks for them only once every
// beforeLoad has answered: one more round trip before a signed-in page can render.
const routes = router.routesById as unknown as Record<string, AnyRoute>;
for (const { routeId } of router.matchRoutes(router.latestLocation)) {
  const route = routes[routeId];
  // A chunk that fails here fails again, visibly, when the router asks for it.
  if (route) router.loadRouteChunk(route)?.catch(() => {});
}

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error('index.html must contain <div id="root">');

createRoot(rootElement).render(
  <StrictMode>
    <RouterProvider router={router} />
    <Toasts />
  </StrictMode>,
);
