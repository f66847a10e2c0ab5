import { createFileRoute, Link } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { SearchInput } from "#web/components/search-input.tsx";
import { Button } from "#web/components/ui/button.tsx";
import { identitiesQueryOptions } from "#web/features/identities/api.ts";
import { IdentitiesTable } from "#web/features/identities/components/identities-table.tsx";
import { page, searchParams, text } from "#web/lib/search-params.ts";

const searchSchema = searchParams({ page, search: text(128) });

export const Route = createFileRoute("/_app/identities/")({
  validateSearch: searchSchema,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, search: search.search || undefined }),
  loader: ({ context: { queryClient, session }, deps }) =>
    queryClient.ensureQueryData(identitiesQueryOptions(session.organization.id, deps)),
  component: IdentitiesPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function IdentitiesPage() {
  const { session } = Route.useRouteContext();
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  const create =
    session.orgRole === "admin" ? (
      <Button asChild>
        <Link to="/identities/new">
          <Plus aria-hidden="true" />
          Create identity
        </Link>
      </Button>
    ) : null;
  return (
    <>
      <PageHeader
        title="Machine identities"
        description="Workloads that log in with their own AWS credentials and get short-lived tokens."
        actions={create}
      />
      <div className="mb-4">
        <SearchInput
          label="Search identities"
          placeholder="Search by name"
          value={params.search ?? ""}
          onSearch={(search) => navigate({ search: { search: search || undefined }, replace: true })}
        />
      </div>
      <IdentitiesTable
        orgId={session.organization.id}
        params={params}
        canManage={session.orgRole === "admin"}
        emptyAction={create}
        onPageChange={(page) => navigate({ search: (previous) => ({ ...previous, page }) })}
      />
    </>
  );
}
