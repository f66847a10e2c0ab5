import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { createQueryClient } from "#web/query-client.ts";
import { createAppRouter } from "#web/router.tsx";
import "#web/styles.css";

// Nothing needs a toast before the first screen renders, so its Radix code stays out of the initial bundle.
const Toaster = lazy(() => import("#web/components/ui/toaster.tsx").then((module) => ({ default: module.Toaster })));

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error('index.html must contain <div id="root">');

createRoot(rootElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Suspense>
        <Toaster />
      </Suspense>
    </QueryClientProvider>
  </StrictMode>,
);
