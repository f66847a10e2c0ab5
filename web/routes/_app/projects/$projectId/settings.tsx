import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { ProjectSettings } from "#web/features/projects/components/project-settings.tsx";

// The project itself is loaded by the parent route ($projectId/route.tsx).
export const Route = createFileRoute("/_app/projects/$projectId/settings")({
  component: ProjectSettingsPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectSettingsPage() {
  const { projectId } = Route.useParams();
  return <ProjectSettings projectId={projectId} />;
}
