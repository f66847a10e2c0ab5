import { createFileRoute, Link } from "@tanstack/react-router";
import { APP_CONNECTION_METHODS } from "#shared/app-connection-methods.ts";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { serverPrincipalQueryOptions } from "#web/features/app-connections/api.ts";
import { ConnectionWizard } from "#web/features/app-connections/components/connection-wizard.tsx";
import { oneOf, searchParams } from "#web/lib/search-params.ts";

const searchSchema = searchParams({ method: oneOf(APP_CONNECTION_METHODS) });

export const Route = createFileRoute("/_app/projects/$projectId/app-connections/new")({
  validateSearch: searchSchema,
  loader: ({ context: { queryClient, session }, params }) => {
    void queryClient.prefetchQuery(
      serverPrincipalQueryOptions({ orgId: session.organization.id, projectId: params.projectId }),
    );
  },
  component: NewProjectConnectionPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function NewProjectConnectionPage() {
  const { projectId } = Route.useParams();
  const { session } = Route.useRouteContext();
  const { method } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <section aria-labelledby="new-connection-heading" className="grid gap-6">
      <div className="grid gap-1">
        <Link
          to="/projects/$projectId/app-connections"
          params={{ projectId }}
          className="text-sm text-muted-foreground hover:text-foreground hover:underline"
        >
          App connections
        </Link>
        <h2 id="new-connection-heading" className="text-lg font-semibold">
          Connect an AWS account to this project
        </h2>
        <p className="text-sm text-muted-foreground">A project connection: only this project can use it.</p>
      </div>
      <ConnectionWizard
        scope={{ orgId: session.organization.id, projectId }}
        method={method}
        onMethodChange={(next) => navigate({ search: { method: next } })}
        onFinished={() => navigate({ to: "/projects/$projectId/app-connections", params: { projectId } })}
      />
    </section>
  );
}
