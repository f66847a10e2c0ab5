import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { PageHeader } from "#web/components/layout/page-header.tsx";
import { RouteError, RoutePending } from "#web/components/layout/route-status.tsx";
import { auditLogsQueryOptions } from "#web/features/audit-log/api.ts";
import { AuditLogFilters } from "#web/features/audit-log/components/audit-log-filters.tsx";
import { AuditLogTable } from "#web/features/audit-log/components/audit-log-table.tsx";
import { AUDIT_TIME_RANGE_KEYS } from "#web/features/audit-log/time-ranges.ts";
import { dateTime, oneOf, page, searchParams, text, uuid } from "#web/lib/search-params.ts";

// The API's filter limits (listAuditLogsQuerySchema); a hand-edited URL with a bad value just drops that filter.
const auditLogSearchSchema = searchParams({
  page,
  action: text(128),
  resourceType: text(64),
  actorId: text(128),
  projectId: uuid,
  range: oneOf(AUDIT_TIME_RANGE_KEYS),
  from: dateTime,
  to: dateTime,
});

export const Route = createFileRoute("/_app/audit-log")({
  validateSearch: auditLogSearchSchema,
  loaderDeps: ({ search }) => ({ ...search, page: search.page ?? 1 }),
  loader: ({ context: { queryClient, session }, deps }) =>
    queryClient.ensureQueryData(auditLogsQueryOptions(session.organization.id, deps)),
  component: AuditLogPage,
  errorComponent: RouteError,
  pendingComponent: RoutePending,
});

function AuditLogPage() {
  const { session } = Route.useRouteContext();
  const { page, ...filters } = Route.useLoaderDeps();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery(auditLogsQueryOptions(session.organization.id, { page, ...filters }));
  return (
    <>
      <PageHeader
        eyebrow="Organization settings"
        title="Audit log"
        description="Who changed what, and when, across the organization."
      />
      <AuditLogFilters
        orgId={session.organization.id}
        filters={filters}
        onApply={(next) => navigate({ search: next })}
      />
      <AuditLogTable
        data={data}
        page={page}
        filtered={Object.values(filters).some(Boolean)}
        onPageChange={(next) => navigate({ search: (previous) => ({ ...previous, page: next }) })}
      />
    </>
  );
}
