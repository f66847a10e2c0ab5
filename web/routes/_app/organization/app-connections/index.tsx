import { createFileRoute } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { appConnectionsQueryOptions } from "#web/features/app-connections/api.ts";
import { ConnectionsTable, NewConnectionLink } from "#web/features/app-connections/components/connections-table.tsx";

export const Route = createFileRoute("/_app/organization/app-connections/")({
  loader: ({ context: { queryClient, session } }) =>
    queryClient.ensureQueryData(appConnectionsQueryOptions({ orgId: session.organization.id, projectId: null })),
  component: OrganizationConnectionsPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function OrganizationConnectionsPage() {
  const { session } = Route.useRouteContext();
  const scope = { orgId: session.organization.id, projectId: null };
  const isAdmin = session.orgRole === "admin";
  return (
    <>
      <PageHeader
        eyebrow="Organization settings"
        title="App connections"
        description="AWS accounts Leasehold can reach. Organization connections can be used by every project."
        actions={isAdmin ? <NewConnectionLink scope={scope} /> : null}
      />
      <ConnectionsTable scope={scope} canManage={isAdmin} />
    </>
  );
}
