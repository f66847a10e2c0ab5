import { createFileRoute, Outlet, redirect } from "@tanstack/react-router";
import { AppShell } from "#web/components/layout/app-shell.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { sessionQueryOptions } from "#web/lib/session.ts";

/** The signed-in area. Every page below gets `context.session`, or the person is sent to /login and back. */
export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ context: { queryClient }, location }) => {
    const session = await queryClient.ensureQueryData(sessionQueryOptions());
    if (!session) throw redirect({ to: "/login", search: { redirect: location.href } });
    return { session };
  },
  component: AppLayout,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function AppLayout() {
  const { session } = Route.useRouteContext();
  return (
    <AppShell session={session}>
      <Outlet />
    </AppShell>
  );
}
