import { createFileRoute, Link } from "@tanstack/react-router";
import { APP_CONNECTION_METHODS } from "#shared/app-connection-methods.ts";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { serverPrincipalQueryOptions } from "#web/features/app-connections/api.ts";
import { ConnectionWizard } from "#web/features/app-connections/components/connection-wizard.tsx";
import { oneOf, searchParams } from "#web/lib/search-params.ts";

const searchSchema = searchParams({ method: oneOf(APP_CONNECTION_METHODS) });

export const Route = createFileRoute("/_app/organization/app-connections/new")({
  validateSearch: searchSchema,
  // Started early but not awaited: the page can show while AWS answers.
  loader: ({ context: { queryClient, session } }) => {
    void queryClient.prefetchQuery(serverPrincipalQueryOptions({ orgId: session.organization.id, projectId: null }));
  },
  component: NewOrganizationConnectionPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function NewOrganizationConnectionPage() {
  const { session } = Route.useRouteContext();
  const { method } = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link to="/organization/app-connections" className="hover:text-foreground hover:underline">
            App connections
          </Link>
        }
        title="Connect an AWS account"
        description={`An organization connection: every project of ${session.organization.name} can use it.`}
      />
      <ConnectionWizard
        scope={{ orgId: session.organization.id, projectId: null }}
        method={method}
        onMethodChange={(next) => navigate({ search: { method: next } })}
        onFinished={() => navigate({ to: "/organization/app-connections" })}
      />
    </>
  );
}
