import { queryOptions } from "@tanstack/react-query";
import { auditRoutes } from "#client/core/routes/audit.ts";
import { identityRoutes } from "#client/core/routes/identities.ts";
import { memberRoutes } from "#client/core/routes/members.ts";
import { projectRoutes } from "#client/core/routes/projects.ts";
import { AUDIT_TIME_RANGES, type AuditTimeRange } from "#web/features/audit-log/time-ranges.ts";
import { apiCall } from "#web/lib/api-client.ts";

export const AUDIT_LOG_PAGE_SIZE = 50;

export interface AuditLogFilters {
  action?: string;
  resourceType?: string;
  actorId?: string;
  projectId?: string;
  /** A range relative to now; when set, `from` and `to` are ignored. */
  range?: AuditTimeRange;
  /** ISO timestamps, as the API takes them. */
  from?: string;
  to?: string;
}

export interface AuditLogListParams extends AuditLogFilters {
  page: number;
}

const auditLogKeys = {
  all: (orgId: string) => ["audit-logs", orgId] as const,
  list: (orgId: string, params: AuditLogListParams) => [...auditLogKeys.all(orgId), params] as const,
  actors: (orgId: string) => [...auditLogKeys.all(orgId), "actor-choices"] as const,
  projects: (orgId: string) => [...auditLogKeys.all(orgId), "project-choices"] as const,
};

export function auditLogsQueryOptions(orgId: string, { page, range, from, to, ...filters }: AuditLogListParams) {
  return queryOptions({
    queryKey: auditLogKeys.list(orgId, { page, range, from, to, ...filters }),
    queryFn: ({ signal }) =>
      apiCall(auditRoutes.list, {
        params: { orgId },
        signal,
        query: {
          offset: (page - 1) * AUDIT_LOG_PAGE_SIZE,
          limit: AUDIT_LOG_PAGE_SIZE,
          ...filters,
          // Worked out at each fetch, so a refetch moves the window along with the clock.
          ...(range
            ? { from: new Date(Date.now() - AUDIT_TIME_RANGES[range].seconds * 1000).toISOString() }
            : { from, to }),
        },
      }),
  });
}

/** The API's largest page: the choices list that many of each; the filter says so when there are more. */
const CHOICES_LIMIT = 100;

export interface Choice {
  id: string;
  label: string;
}

/** People and machine identities to filter by (the audit log's actorId is a user's or an identity's ID). */
export function actorChoicesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: auditLogKeys.actors(orgId),
    queryFn: async ({ signal }) => {
      const query = { limit: CHOICES_LIMIT };
      const [members, identities] = await Promise.all([
        apiCall(memberRoutes.list, { params: { orgId }, signal, query }),
        apiCall(identityRoutes.list, { params: { orgId }, signal, query }),
      ]);
      return {
        people: members.members.map((m): Choice => ({ id: m.userId, label: `${m.name} (${m.email})` })),
        identities: identities.identities.map((i): Choice => ({ id: i.id, label: i.name })),
        truncated: members.totalCount > members.members.length || identities.totalCount > identities.identities.length,
      };
    },
    staleTime: 60_000,
  });
}

export function projectChoicesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: auditLogKeys.projects(orgId),
    queryFn: async ({ signal }) => {
      const data = await apiCall(projectRoutes.list, { signal, query: { limit: CHOICES_LIMIT } });
      return {
        projects: data.projects.map((p): Choice => ({ id: p.id, label: p.name })),
        truncated: data.totalCount > data.projects.length,
      };
    },
    staleTime: 60_000,
  });
}
