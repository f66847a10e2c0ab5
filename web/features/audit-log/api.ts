import { queryOptions } from "@tanstack/react-query";
import { listAuditLogsResponseSchema } from "#shared/schemas/audit.ts";
import { apiPath, apiRequest } from "#web/lib/api-client.ts";

export const AUDIT_LOG_PAGE_SIZE = 50;

export interface AuditLogFilters {
  action?: string;
  resourceType?: string;
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
};

export function auditLogsQueryOptions(orgId: string, { page, ...filters }: AuditLogListParams) {
  return queryOptions({
    queryKey: auditLogKeys.list(orgId, { page, ...filters }),
    queryFn: ({ signal }) =>
      apiRequest(apiPath`/api/v1/organizations/${orgId}/audit-logs`, listAuditLogsResponseSchema, {
        signal,
        query: { offset: (page - 1) * AUDIT_LOG_PAGE_SIZE, limit: AUDIT_LOG_PAGE_SIZE, ...filters },
      }),
  });
}
