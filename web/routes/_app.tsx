import { QueryClientProvider } from "@tanstack/react-query";
import { createFileRoute, Outlet, redirect } from "@tanstack/react-router";
import { AppShell } from "#web/components/layout/app-shell.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { loadQueryClient } from "#web/lib/data-layer.ts";
import { getSession } from "#web/lib/session.ts";

/**
 * The signed-in area. Every page below gets `context.session` and `context.queryClient` (the data
 * layer, loaded here beside the session check, not with /login), or the person is sent to /login and back.
 */
export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ location }) => {
    const [session, queryClient] = await Promise.all([getSession(), loadQueryClient()]);
    if (!session) throw redirect({ to: "/login", search: { redirect: location.href } });
    return { session, queryClient };
  },
  component: AppLayout,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function AppLayout() {
  const { session, queryClient } = Route.useRouteContext();
  return (
    <QueryClientProvider client={queryClient}>
      <AppShell session={session}>
        <Outlet />
      </AppShell>
    </QueryClientProvider>
  );
}
