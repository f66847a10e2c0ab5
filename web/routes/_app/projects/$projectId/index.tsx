import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { EnvironmentTabs } from "#web/features/projects/components/environment-tabs.tsx";
import { searchParams, text } from "#web/lib/search-params.ts";

const projectOverviewSearchSchema = searchParams({
  /** The selected environment's slug; the first environment when absent or unknown. */
  env: text(64),
});

export const Route = createFileRoute("/_app/projects/$projectId/")({
  validateSearch: projectOverviewSearchSchema,
  component: ProjectOverviewPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectOverviewPage() {
  const { projectId } = Route.useParams();
  const { env } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <EnvironmentTabs
      projectId={projectId}
      selectedSlug={env}
      onSelect={(slug) => navigate({ search: { env: slug }, replace: true })}
    />
  );
}
