import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { projectMembershipsQueryOptions } from "#web/features/project-members/api.ts";
import { AddProjectMemberDialog } from "#web/features/project-members/components/add-project-member-dialog.tsx";
import { ProjectMembersTable } from "#web/features/project-members/components/project-members-table.tsx";

export const Route = createFileRoute("/_app/projects/$projectId/members")({
  loader: ({ context: { queryClient }, params }) =>
    queryClient.ensureQueryData(projectMembershipsQueryOptions(params.projectId)),
  component: ProjectMembersPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function ProjectMembersPage() {
  const { projectId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const { data: memberships } = useSuspenseQuery(projectMembershipsQueryOptions(projectId));
  return (
    <section aria-labelledby="project-members-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="project-members-heading" className="text-lg font-semibold">
            Members
          </h2>
          <p className="text-sm text-muted-foreground">People from your organization who can work in this project.</p>
        </div>
        <AddProjectMemberDialog projectId={projectId} orgId={session.organization.id} memberships={memberships} />
      </div>
      <ProjectMembersTable projectId={projectId} memberships={memberships} currentUserId={session.user.id} />
    </section>
  );
}
