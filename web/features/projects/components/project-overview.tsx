import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import type { SessionResponse } from "#shared/schemas/auth.ts";
import { Alert } from "#web/components/ui/alert.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { Skeleton } from "#web/components/ui/skeleton.tsx";
import { projectOverviewQueryOptions, projectQueryOptions } from "#web/features/projects/api.ts";
import { EnvironmentTabs } from "#web/features/projects/components/environment-tabs.tsx";
import { NextSteps } from "#web/features/projects/components/next-steps.tsx";
import { RecentActivity } from "#web/features/projects/components/recent-activity.tsx";
import { projectRoleQueryOptions, roleAllows } from "#web/lib/project-role.ts";

/**
 * A project's Overview: what to do next, each environment's numbers and identifiers, and what happened lately.
 * The project and the person's role come with the route; the overview loads on its own, so the environments
 * show at once, and a failure is said once, with a retry, while the rest of the page still works.
 */
export function ProjectOverview({
  projectId,
  session,
  selectedSlug,
  onSelect,
}: {
  projectId: string;
  session: Pick<SessionResponse, "user" | "orgRole">;
  selectedSlug: string | undefined;
  onSelect: (slug: string | undefined) => void;
}) {
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const { data: role } = useSuspenseQuery(projectRoleQueryOptions(projectId, session));
  const overview = useQuery(projectOverviewQueryOptions(projectId));
  const environments = [...project.environments].sort((a, b) => a.position - b.position);
  const selected = environments.find((e) => e.slug === selectedSlug) ?? environments[0];

  return (
    <div className="grid gap-6">
      {overview.isError ? (
        <Alert>
          <p>This project's next steps, counts and activity could not be loaded: {overview.error.message}</p>
          <div>
            <Button variant="outline" size="sm" pending={overview.isFetching} onClick={() => void overview.refetch()}>
              <RotateCw aria-hidden="true" />
              Try again
            </Button>
          </div>
        </Alert>
      ) : null}
      {overview.data ? (
        <NextSteps
          projectId={projectId}
          envSlug={selected?.slug}
          setup={overview.data.setup}
          can={{
            connectAws: roleAllows(role, "connections.manage"),
            addDynamicSecret: roleAllows(role, "dynamic-secrets.manage"),
            createIdentity: session.orgRole === "admin",
            generateLease: roleAllows(role, "leases.create"),
          }}
        />
      ) : overview.isPending ? (
        <div aria-busy="true" className="grid gap-3 rounded-xl border p-6">
          <span role="status" className="sr-only">
            Loading next steps
          </span>
          <Skeleton className="h-5 w-40" />
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {[0, 1, 2, 3].map((step) => (
              <Skeleton key={step} className="h-36" />
            ))}
          </div>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <EnvironmentTabs
          projectId={projectId}
          selectedSlug={selectedSlug}
          onSelect={onSelect}
          counts={overview.data?.environments}
          countsPending={overview.isPending}
        />
        <RecentActivity
          projectId={projectId}
          activity={overview.data?.recentActivity}
          pending={overview.isPending}
          canReadAuditLog={session.orgRole === "admin"}
        />
      </div>
    </div>
  );
}
