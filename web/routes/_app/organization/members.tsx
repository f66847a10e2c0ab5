import { createFileRoute } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { SearchInput } from "#web/components/search-input.tsx";
import { membersQueryOptions } from "#web/features/members/api.ts";
import { AddMemberDialog } from "#web/features/members/components/add-member-dialog.tsx";
import { MembersTable } from "#web/features/members/components/members-table.tsx";
import { page, searchParams, text } from "#web/lib/search-params.ts";

const membersSearchSchema = searchParams({ page, search: text(128) });

export const Route = createFileRoute("/_app/organization/members")({
  validateSearch: membersSearchSchema,
  loaderDeps: ({ search }) => ({ page: search.page ?? 1, search: search.search || undefined }),
  loader: ({ context: { queryClient, session }, deps }) =>
    queryClient.ensureQueryData(membersQueryOptions(session.organization.id, deps)),
  component: MembersPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function MembersPage() {
  const { session } = Route.useRouteContext();
  const params = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  const isAdmin = session.orgRole === "admin";
  return (
    <>
      <PageHeader
        eyebrow="Organization settings"
        title="Members"
        description={`People in ${session.organization.name}.`}
        actions={isAdmin ? <AddMemberDialog orgId={session.organization.id} /> : null}
      />
      <div className="mb-4">
        <SearchInput
          label="Search members"
          placeholder="Search by name or email"
          value={params.search ?? ""}
          onSearch={(search) => navigate({ search: { search: search || undefined }, replace: true })}
        />
      </div>
      <MembersTable
        orgId={session.organization.id}
        params={params}
        currentUserId={session.user.id}
        canManage={isAdmin}
        onPageChange={(page) => navigate({ search: (previous) => ({ ...previous, page }) })}
      />
    </>
  );
}
