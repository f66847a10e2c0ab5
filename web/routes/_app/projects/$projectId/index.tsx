import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { projectOverviewQueryOptions } from "#web/features/projects/api.ts";
import { ProjectOverview } from "#web/features/projects/components/project-overview.tsx";
import { projectRoleQueryOptions } from "#web/lib/project-role.ts";
import { searchParams, text } from "#web/lib/search-params.ts";

const projectOverviewSearchSchema = searchParams({
  /** The selected environment's slug; the first environment when absent or unknown. */
  env: text(64),
});

export const Route = createFileRoute("/_app/projects/$projectId/")({
  validateSearch: projectOverviewSearchSchema,
  loader: ({ context: { queryClient, session }, params }) => {
    // Started, not awaited: the page shows its environments while the counts and activity load.
    void queryClient.prefetchQuery(projectOverviewQueryOptions(params.projectId));
    return queryClient.ensureQueryData(projectRoleQueryOptions(params.projectId, session));
  },
  component: ProjectOverviewPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectOverviewPage() {
  const { projectId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const { env } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <ProjectOverview
      projectId={projectId}
      session={session}
      selectedSlug={env}
      onSelect={(slug) => navigate({ search: { env: slug }, replace: true })}
    />
  );
}
