import { createFileRoute, notFound, Outlet } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { projectQueryOptions } from "#web/features/projects/api.ts";
import { ProjectHeader } from "#web/features/projects/components/project-header.tsx";
import { rethrowNotFound } from "#web/lib/not-found.ts";
import { isUuid } from "#web/lib/search-params.ts";

/** Loads the project once for all its pages (overview, members, settings). */
export const Route = createFileRoute("/_app/projects/$projectId")({
  // A mistyped address is "not found", not a validation error from the API.
  beforeLoad: ({ params }) => {
    if (!isUuid(params.projectId)) throw notFound();
  },
  // A project that does not exist (or is not yours to see) is "not found", not an error to log.
  loader: ({ context: { queryClient }, params }) =>
    queryClient.ensureQueryData(projectQueryOptions(params.projectId)).catch(rethrowNotFound),
  component: ProjectLayout,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectLayout() {
  const { projectId } = Route.useParams();
  return (
    <>
      <ProjectHeader projectId={projectId} />
      <Outlet />
    </>
  );
}
