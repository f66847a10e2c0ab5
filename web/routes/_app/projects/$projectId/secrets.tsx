import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { dynamicSecretsQueryOptions, leasesQueryOptions } from "#web/features/dynamic-secrets/api.ts";
import { SecretOverview } from "#web/features/dynamic-secrets/components/secret-overview.tsx";
import { projectQueryOptions } from "#web/features/projects/api.ts";
import { projectRoleQueryOptions } from "#web/lib/project-role.ts";
import { searchParams, text } from "#web/lib/search-params.ts";

const secretOverviewSearchSchema = searchParams({
  /** The environment's slug; the first environment when absent or unknown. */
  env: text(64),
  /** The folder path; "/" when absent. */
  path: text(256),
  /** The dynamic secret whose leases are shown. */
  secret: text(64),
});

export const Route = createFileRoute("/_app/projects/$projectId/secrets")({
  validateSearch: secretOverviewSearchSchema,
  loaderDeps: ({ search }) => ({ env: search.env, path: search.path, secret: search.secret }),
  loader: async ({ context: { queryClient, session }, params, deps }) => {
    const [{ project }] = await Promise.all([
      queryClient.ensureQueryData(projectQueryOptions(params.projectId)),
      queryClient.ensureQueryData(projectRoleQueryOptions(params.projectId, session)),
    ]);
    const env =
      project.environments.find((e) => e.slug === deps.env) ??
      [...project.environments].sort((a, b) => a.position - b.position)[0];
    if (!env) return;
    const location = { projectSlug: project.slug, environmentSlug: env.slug, path: deps.path ?? "/" };
    const { dynamicSecrets } = await queryClient.ensureQueryData(dynamicSecretsQueryOptions(location));
    // The leases of the secret named in the address start loading now, not once the page has rendered
    // (LeasesPanel opens on its "active" tab).
    if (deps.secret && dynamicSecrets.some((secret) => secret.name === deps.secret)) {
      void queryClient.prefetchInfiniteQuery(leasesQueryOptions(location, deps.secret, "active"));
    }
  },
  component: SecretOverviewPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function SecretOverviewPage() {
  const { projectId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data: project } = useSuspenseQuery(projectQueryOptions(projectId));
  const { data: role } = useSuspenseQuery(projectRoleQueryOptions(projectId, session));
  const environments = [...project.environments].sort((a, b) => a.position - b.position);
  return (
    <SecretOverview
      projectId={projectId}
      projectSlug={project.slug}
      environments={environments}
      search={search}
      role={role}
      onNavigate={(next) => navigate({ search: next, replace: true })}
    />
  );
}
