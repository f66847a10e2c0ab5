import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { appConnectionsQueryOptions } from "#web/features/app-connections/api.ts";
import { ConnectionsTable, NewConnectionLink } from "#web/features/app-connections/components/connections-table.tsx";
import { projectRoleQueryOptions, roleAllows } from "#web/lib/project-role.ts";

export const Route = createFileRoute("/_app/projects/$projectId/app-connections/")({
  loader: ({ context: { queryClient, session }, params }) =>
    Promise.all([
      queryClient.ensureQueryData(
        appConnectionsQueryOptions({ orgId: session.organization.id, projectId: params.projectId }),
      ),
      queryClient.ensureQueryData(projectRoleQueryOptions(params.projectId, session)),
    ]),
  component: ProjectConnectionsPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectConnectionsPage() {
  const { projectId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const { data: role } = useSuspenseQuery(projectRoleQueryOptions(projectId, session));
  const canManage = roleAllows(role, "connections.manage");
  const scope = { orgId: session.organization.id, projectId };
  return (
    <section aria-labelledby="project-connections-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-muted-foreground">Integrations</p>
          <h2 id="project-connections-heading" className="text-lg font-semibold">
            App connections
          </h2>
          <p className="text-sm text-muted-foreground">
            AWS accounts this project can use: its own connections and the organization&apos;s.
          </p>
        </div>
        {canManage ? <NewConnectionLink scope={scope} /> : null}
      </div>
      <ConnectionsTable scope={scope} canManage={canManage} />
    </section>
  );
}
